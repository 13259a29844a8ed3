package dev.stratagem.runtime.kernel;

/** Every event-bus address the kernel uses, in one place. */
public final class Addresses {

    /** Prefix of per-symbol candle addresses: {@code market.candle.<symbol>}. */
    public static final String CANDLE_PREFIX = "market.candle.";
    /** Published after all candles of one timestamp: the bar-close clock (body: the timestamp, a Long). */
    public static final String BAR_CLOSE = "market.bar-close";
    /** Strategies acknowledge each bar close here, so the feed runs as fast as they keep up. */
    public static final String BAR_DONE = "market.bar-done";
    /** Published when the feed has sent its last bar. */
    public static final String FEED_END = "market.feed-end";
    /** Prefix of per-strategy cycle results: {@code cycle.result.<strategyId>} (body: the CycleRecord). */
    public static final String CYCLE_RESULT_PREFIX = "cycle.result.";

    private Addresses() {}

    /**
     * @param symbol a symbol
     * @return its candle address
     */
    public static String candle(String symbol) {
        return CANDLE_PREFIX + symbol;
    }

    /**
     * @param strategyId a strategy
     * @return its cycle-result address
     */
    public static String cycleResult(String strategyId) {
        return CYCLE_RESULT_PREFIX + strategyId;
    }
}
