package dev.stratagem.api;

import java.util.List;

/**
 * A strategy's trading record so far: one entry per traded instrument and the portfolio Sharpe ratio.
 * Each cycle's context carries the digest as of the end of the previous cycle.
 *
 * @param ts when the digest was computed
 * @param entries one entry per instrument that has traded, ordered by symbol
 * @param sharpe the annualised Sharpe ratio of the equity curve so far, {@code 0} with too little data
 */
public record TradeDigest(long ts, List<TradeDigestEntry> entries, double sharpe) {

    /** An empty digest, before any trade. */
    public static final TradeDigest EMPTY = new TradeDigest(0, List.of(), 0);

    /** Validates the fields and copies the list. */
    public TradeDigest {
        entries = List.copyOf(entries);
        Checks.finite(sharpe, "sharpe");
    }

    /** @return the number of closed trades over all instruments */
    public int tradeCount() {
        int n = 0;
        for (TradeDigestEntry e : entries) {
            n += e.tradeCount();
        }
        return n;
    }
}
