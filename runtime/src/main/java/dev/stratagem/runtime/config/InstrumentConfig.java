package dev.stratagem.runtime.config;

import dev.stratagem.api.Instrument;

/**
 * An instrument as written in a strategy file; lot size and minimum default to whole units.
 *
 * @param symbol the symbol
 * @param lotSize the order size step, default 1
 * @param minQuantity the smallest order, default 0
 */
public record InstrumentConfig(String symbol, Double lotSize, Double minQuantity) {

    /** Interns the symbol, as {@link StrategyConfig} does its symbols. */
    public InstrumentConfig {
        symbol = symbol == null ? null : symbol.intern();
    }

    /** @return the plugin API instrument */
    public Instrument toInstrument() {
        return new Instrument(symbol, lotSize == null ? 1 : lotSize, minQuantity == null ? 0 : minQuantity);
    }
}
