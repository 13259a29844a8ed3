package dev.stratagem.api;

/**
 * The trading record of one instrument, as the next cycle's context sees it.
 *
 * @param symbol the instrument symbol
 * @param tradeCount the number of closed round trips
 * @param realizedPnl their summed realized PnL, net of fees
 * @param winRate the share of closed trades with a positive PnL, {@code 0} before the first
 * @param averageHoldingMillis the mean holding time of closed trades
 * @param lastTradeTs when the last trade closed, {@code 0} before the first
 */
public record TradeDigestEntry(
        String symbol,
        int tradeCount,
        double realizedPnl,
        double winRate,
        long averageHoldingMillis,
        long lastTradeTs) {

    /** Validates the fields. */
    public TradeDigestEntry {
        Checks.nonBlank(symbol, "symbol");
        if (tradeCount < 0) {
            throw new IllegalArgumentException("tradeCount must not be negative");
        }
        Checks.finite(realizedPnl, "realizedPnl");
        if (!(winRate >= 0 && winRate <= 1)) {
            throw new IllegalArgumentException("winRate must be within [0, 1], was " + winRate);
        }
        Checks.nonNegative(averageHoldingMillis, "averageHoldingMillis");
    }
}
