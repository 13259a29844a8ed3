package dev.stratagem.api;

/**
 * A top-of-book quote.
 *
 * @param symbol the instrument symbol
 * @param ts the quote time in epoch milliseconds (UTC)
 * @param bid the best bid price
 * @param ask the best ask price, not below the bid
 * @param bidSize the size at the bid
 * @param askSize the size at the ask
 */
public record Quote(String symbol, long ts, double bid, double ask, double bidSize, double askSize) {

    /** Validates the fields: finite positive prices, {@code ask >= bid}, sizes not negative. */
    public Quote {
        Checks.nonBlank(symbol, "symbol");
        Checks.positive(bid, "bid");
        Checks.positive(ask, "ask");
        Checks.nonNegative(bidSize, "bidSize");
        Checks.nonNegative(askSize, "askSize");
        if (ask < bid) {
            throw new IllegalArgumentException("ask " + ask + " is below bid " + bid);
        }
    }

    /** @return the mid price */
    public double mid() {
        return (bid + ask) / 2;
    }
}
