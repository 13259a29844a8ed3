package dev.stratagem.runtime.risk;

/**
 * A stored cycle's update of the portfolio breaker after its stored state (V9: {@code portfolio_breaker_updates}):
 * what a restart applies again to the restored state.
 *
 * @param update the update's number
 * @param composeId the cycle
 * @param strategyId the sleeve whose cycle it was
 * @param ts the cycle's time
 * @param equity the sleeve's equity after the cycle, the one the breaker summed
 */
record BreakerUpdate(long update, String composeId, String strategyId, long ts, double equity) {}
