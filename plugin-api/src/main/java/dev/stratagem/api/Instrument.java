package dev.stratagem.api;

/**
 * A tradable instrument.
 *
 * @param symbol the symbol, unique within a strategy (for example {@code ORCL} or {@code BTCUSDT})
 * @param lotSize the quantity step an order size must be a multiple of ({@code 1} for shares)
 * @param minQuantity the smallest order size the venue accepts (zero for none)
 */
public record Instrument(String symbol, double lotSize, double minQuantity) {

    /** Validates the fields. */
    public Instrument {
        Checks.nonBlank(symbol, "symbol");
        Checks.positive(lotSize, "lotSize");
        Checks.nonNegative(minQuantity, "minQuantity");
    }

    /**
     * An instrument traded in whole units with no minimum size.
     *
     * @param symbol the symbol
     * @return the instrument
     */
    public static Instrument of(String symbol) {
        return new Instrument(symbol, 1, 0);
    }
}
