package dev.stratagem.runtime.config;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One strategy, as written in its YAML file: which components it is made of, what it trades, with how
 * much capital and under which limits. Load it with {@link StrategyConfigLoader}.
 *
 * @param id the strategy id, unique in a runtime
 * @param description free text
 * @param symbols the symbols traded (instruments not listed under {@code instruments} trade in whole units)
 * @param instruments optional instrument definitions (lot sizes)
 * @param capital the starting cash
 * @param periodsPerYear bars per year, for annualised ratios (252 for daily bars)
 * @param features the features pipeline
 * @param composer the decision composer
 * @param gateway the execution gateway, default {@code paper}
 * @param guardrails the ids of the guardrails to run, in order; absent means all built-in ones
 * @param constraints the limits
 * @param listeners lifecycle listeners
 * @param settings per-strategy runtime settings (risk.strategy.*, risk.var.*), a layer of {@link Settings}
 */
public record StrategyConfig(
        String id,
        String description,
        List<String> symbols,
        List<InstrumentConfig> instruments,
        BigDecimal capital,
        Double periodsPerYear,
        ComponentRef features,
        ComponentRef composer,
        ComponentRef gateway,
        List<String> guardrails,
        ConstraintsConfig constraints,
        List<ComponentRef> listeners,
        Map<String, Object> settings) {

    /** Fills defaults for optional keys. */
    public StrategyConfig {
        description = description == null ? "" : description;
        // interned, as are an instrument's: the bars of a cached series, the window, the ledger and the orders then
        // hold one instance of a symbol, and the equals every bar compares them with stops at ==
        symbols = symbols == null ? List.of() : List.copyOf(symbols).stream().map(String::intern).toList();
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
        periodsPerYear = periodsPerYear == null ? 252.0 : periodsPerYear;
        gateway = gateway == null ? new ComponentRef("paper", Map.of()) : gateway;
        constraints = constraints == null
                ? new ConstraintsConfig(null, null, null, null, null, null)
                : constraints;
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** @return every traded instrument by symbol, in symbol order of the file */
    public Map<String, Instrument> instrumentMap() {
        Map<String, Instrument> map = new LinkedHashMap<>();
        for (String symbol : symbols) {
            map.put(symbol, Instrument.of(symbol));
        }
        for (InstrumentConfig ic : instruments) {
            map.put(ic.symbol(), ic.toInstrument());
        }
        return map;
    }

    /** @return every traded symbol: {@code symbols} then any symbol only listed under {@code instruments} */
    public List<String> allSymbols() {
        return new ArrayList<>(instrumentMap().keySet());
    }

    /** @return the limits as the plugin API type */
    public Constraints limits() {
        return constraints.toConstraints();
    }

    /**
     * @param newSymbols the symbols to trade instead
     * @return a copy trading those symbols
     */
    public StrategyConfig withSymbols(List<String> newSymbols) {
        return new StrategyConfig(id, description, newSymbols, instruments, capital, periodsPerYear, features,
                composer, gateway, guardrails, constraints, listeners, settings);
    }

    /**
     * @param newGateway the gateway reference to use instead
     * @return a copy using it
     */
    public StrategyConfig withGateway(ComponentRef newGateway) {
        return new StrategyConfig(id, description, symbols, instruments, capital, periodsPerYear, features,
                composer, newGateway, guardrails, constraints, listeners, settings);
    }
}
