package dev.stratagem.runtime.strategy;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.runtime.analytics.VarMethod;
import dev.stratagem.runtime.config.ConfigException;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.risk.BreakerLimits;
import dev.stratagem.runtime.risk.FlattenComposer;
import dev.stratagem.runtime.risk.Guardrails;
import dev.stratagem.runtime.risk.PortfolioLimits;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.SafeModeCheck;
import dev.stratagem.runtime.risk.VarLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns settings into risk limits, and plugs the risk engine and the metrics into a strategy's components. */
public final class RiskWiring {

    private RiskWiring() {}

    /**
     * One risk engine for a set of strategies: the portfolio breaker, limits and VaR from the runtime
     * settings, each strategy's breaker and VaR limit from its own layered settings.
     *
     * @param runtime the runtime-level settings
     * @param strategies each strategy's settings, by strategy id
     * @param killSwitch the runtime's kill switch
     * @param store where breaker transitions are recorded, or {@code null} to only log them
     * @return the engine; register each strategy with it before its first cycle
     */
    public static RiskEngine engine(Settings runtime, java.util.Map<String, Settings> strategies,
            dev.stratagem.runtime.risk.KillSwitch killSwitch, dev.stratagem.runtime.risk.RiskStore store) {
        java.util.Map<String, BreakerLimits> breakers = new java.util.HashMap<>();
        java.util.Map<String, VarLimit> vars = new java.util.HashMap<>();
        strategies.forEach((id, ss) -> {
            breakers.put(id, breaker(ss, "strategy"));
            vars.put(id, var(ss));
        });
        return new RiskEngine(new dev.stratagem.runtime.risk.RiskSettings(breaker(runtime, "portfolio"), breakers,
                breaker(runtime, "strategy"), portfolio(runtime), vars, var(runtime)), killSwitch, store);
    }

    public static BreakerLimits breaker(Settings s, String scope) {
        String p = "risk." + scope + ".";
        try {
            return new BreakerLimits(s.number(p + "drawdown.reduce"), s.number(p + "drawdown.pause"),
                    s.number(p + "drawdown.halt"), s.number(p + "dailyLoss.reduce"), s.number(p + "dailyLoss.pause"),
                    s.number(p + "dailyLoss.halt"), s.count("risk.breaker.resumeBars"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("risk." + scope + " (from " + s.source(p + "drawdown.reduce") + "): "
                    + e.getMessage(), e);
        }
    }

    public static PortfolioLimits portfolio(Settings s) {
        return new PortfolioLimits(s.number("risk.portfolio.maxGrossExposure"),
                s.number("risk.portfolio.maxNetExposure"), s.number("risk.portfolio.maxConcentration"));
    }

    public static VarLimit var(Settings s) {
        try {
            return new VarLimit(s.number("risk.var.maxFraction"), s.number("risk.var.confidence"),
                    VarMethod.valueOf(s.text("risk.var.method").toUpperCase(Locale.ROOT).replace('-', '_')),
                    s.count("risk.var.window"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("risk.var (from " + s.source("risk.var.window") + "): " + e.getMessage(), e);
        }
    }

    /**
     * The strategy's components with the kill switch and breaker checks first, its own guardrails, then
     * the live safe mode (if on), portfolio limits and VaR; its composer wrapped for flattening; the risk
     * engine and the metrics as listeners.
     */
    public static StrategyComponents wrap(StrategyComponents base, String strategyId, RiskEngine engine,
            List<StrategyListener> extraListeners, SafeModeCheck safeMode) {
        List<RiskCheck> checks = new ArrayList<>(engine.leadingChecks(strategyId));
        checks.addAll(base.guardrails().checks());
        if (safeMode != null) {
            checks.add(safeMode);
        }
        checks.addAll(engine.trailingChecks(strategyId));
        List<StrategyListener> listeners = new ArrayList<>(base.listeners());
        listeners.add(engine.listenerFor(strategyId));
        listeners.addAll(extraListeners);
        return new StrategyComponents(base.features(), new FlattenComposer(base.composer(), engine.killSwitch()),
                base.gateway(), new Guardrails(checks), listeners, base.versions());
    }

    /** Live safe mode: refuses a strategy with too many symbols; returns the check that scales its orders. */
    public static SafeModeCheck safeMode(StrategyConfig sc, Settings s) {
        if (sc.allSymbols().size() > s.count("live.maxSymbols")) {
            throw new ConfigException("strategy '" + sc.id() + "' trades " + sc.allSymbols().size()
                    + " symbols but live safe mode allows " + s.count("live.maxSymbols")
                    + " (live.maxSymbols, from " + s.source("live.maxSymbols") + ")", null);
        }
        return new SafeModeCheck(s.number("live.sizeMultiplier"), s.number("live.maxLeverage"));
    }
}
