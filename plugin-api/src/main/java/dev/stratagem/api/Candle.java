package dev.stratagem.api;

/**
 * One closed OHLCV bar.
 *
 * @param symbol the instrument symbol
 * @param ts the bar's timestamp in epoch milliseconds (UTC); for daily bars, midnight of the session date
 * @param open the first price of the bar
 * @param high the highest price, not below {@code low}
 * @param low the lowest price
 * @param close the last price of the bar
 * @param volume the traded volume, not negative
 */
public record Candle(String symbol, long ts, double open, double high, double low, double close, double volume) {

    /** Validates the fields: prices finite and positive, {@code high >= low}, volume not negative. */
    public Candle {
        Checks.nonBlank(symbol, "symbol");
        Checks.positive(open, "open");
        Checks.positive(high, "high");
        Checks.positive(low, "low");
        Checks.positive(close, "close");
        Checks.nonNegative(volume, "volume");
        if (high < low) {
            throw new IllegalArgumentException("high " + high + " is below low " + low);
        }
    }
}
