package dev.stratagem.runtime.config;

import static dev.stratagem.runtime.config.SettingKey.Kind.CHOICE;
import static dev.stratagem.runtime.config.SettingKey.Kind.COUNT;
import static dev.stratagem.runtime.config.SettingKey.Kind.FLAG;
import static dev.stratagem.runtime.config.SettingKey.Kind.LIMIT;
import static dev.stratagem.runtime.config.SettingKey.Kind.PROBABILITY;
import static dev.stratagem.runtime.config.SettingKey.Kind.TEXT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every runtime setting with its one default. sdk-docs/configuration.md documents the same list. */
public final class SettingKeys {

    private static final Map<String, SettingKey> KEYS = new LinkedHashMap<>();

    static {
        for (String scope : List.of("strategy", "portfolio")) {
            boolean per = scope.equals("strategy");
            String whose = per ? "a strategy's sleeve" : "the whole portfolio";
            add("risk." + scope + ".drawdown.reduce", LIMIT, "0.2", "drawdown from the equity peak of " + whose
                    + " at which its breaker goes REDUCING (only reducing orders)", per);
            add("risk." + scope + ".drawdown.pause", LIMIT, "0.3", "... at which it goes PAUSED (no orders)", per);
            add("risk." + scope + ".drawdown.halt", LIMIT, "0.5", "... at which it goes HALTED (until reset)", per);
            add("risk." + scope + ".dailyLoss.reduce", LIMIT, "0.05", "loss since the start of the UTC day of "
                    + whose + " at which its breaker goes REDUCING", per);
            add("risk." + scope + ".dailyLoss.pause", LIMIT, "0.1", "... at which it goes PAUSED", per);
            add("risk." + scope + ".dailyLoss.halt", LIMIT, "0.2", "... at which it goes HALTED", per);
        }
        add("risk.breaker.resumeBars", COUNT, "0", "a PAUSED breaker resumes after this many cycles; 0 = at the next UTC day", true);
        add("risk.portfolio.maxGrossExposure", LIMIT, "none", "largest sum of absolute position values over all sleeves", false);
        add("risk.portfolio.maxNetExposure", LIMIT, "none", "largest absolute net position value over all sleeves", false);
        add("risk.portfolio.maxConcentration", LIMIT, "none", "largest value of one instrument over portfolio equity", false);
        add("risk.var.maxFraction", LIMIT, "none", "pre-trade limit: one-bar VaR of a sleeve after the order over its equity", true);
        add("risk.var.confidence", PROBABILITY, "0.99", "confidence of the pre-trade VaR", true);
        addChoice("risk.var.method", "historical", "how the pre-trade VaR is estimated", List.of("historical", "parametric", "monte-carlo"));
        add("risk.var.window", COUNT, "250", "past returns per symbol the VaR rests on (at least 20)", true);
        add("runtime.resume", FLAG, "true", "continue an interrupted paper run of the same strategy from H2 instead of starting a new one", false);
        add("ops.http.enabled", FLAG, "true", "serve /metrics, /health, /ready and the kill switch endpoint", false);
        add("ops.http.host", TEXT, "127.0.0.1", "address the ops HTTP server binds to", false);
        add("ops.http.port", COUNT, "9464", "port of the ops HTTP server; 0 picks a free one", false);
        addChoice("ops.log.format", "text", "log line format on stderr (json: one JSON object per line with the MDC)", List.of("text", "json"));
        add("live.safeMode", FLAG, "true", "live mode only: apply the three limits below", false);
        add("live.maxSymbols", COUNT, "1", "live safe mode: most symbols one strategy may trade", false);
        add("live.sizeMultiplier", PROBABILITY, "0.1", "live safe mode: every order's size is scaled by this", false);
        add("live.maxLeverage", LIMIT, "1", "live safe mode: leverage cap over the strategy's own", false);
        secret("ops.apiToken", "bearer token the ops HTTP server requires on POST endpoints (unset: loopback only)");
        secret("live.apiKey", "exchange API key for live gateways");
        secret("live.apiSecret", "exchange API secret for live gateways");
    }

    private SettingKeys() {}

    private static void add(String name, SettingKey.Kind kind, String def, String doc, boolean perStrategy) {
        KEYS.put(name, new SettingKey(name, kind, def, doc, false, perStrategy, List.of()));
    }

    private static void addChoice(String name, String def, String doc, List<String> choices) {
        KEYS.put(name, new SettingKey(name, CHOICE, def, doc, false, name.startsWith("risk.var."), choices));
    }

    private static void secret(String name, String doc) {
        KEYS.put(name, new SettingKey(name, TEXT, "", doc, true, false, List.of()));
    }

    /** @return every key, in documentation order */
    public static List<SettingKey> all() {
        return List.copyOf(KEYS.values());
    }

    /** @return the key of that name, or {@code null} */
    public static SettingKey get(String name) {
        return KEYS.get(name);
    }
}
