package dev.stratagem.api;

/**
 * Lifecycle hooks. An exception thrown by a hook is logged and recorded, never fatal.
 */
public interface StrategyListener extends StrategyComponent {

    /**
     * Called once before the first cycle.
     *
     * @param strategy the strategy starting
     */
    default void onStart(StrategyInfo strategy) {}

    /**
     * Called after every cycle, on the strategy's thread.
     *
     * @param cycle the cycle's record
     */
    default void onCycleResult(CycleRecord cycle) {}

    /**
     * Called once when the strategy stops.
     *
     * @param strategy the strategy stopping
     * @param reason why: {@code finished}, {@code shutdown}, {@code stopped by operator}, ...
     */
    default void onStop(StrategyInfo strategy, String reason) {}
}
