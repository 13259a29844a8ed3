package dev.stratagem.runtime.risk;

/**
 * The portfolio breaker after one of its updates, as stored in {@code portfolio_breaker_states} (V7) so that a
 * restart goes on from it.
 *
 * @param update the update's number, counted across processes: the highest surviving one is restored
 * @param composeId the cycle whose update it was, {@code null} for a manual reset
 * @param sleeves the sleeves the breaker summed, "strategy=run" pairs, sorted, ';'-separated
 * @param ts the cycle time of the update: its UTC day is the breaker's day
 * @param state the breaker's state
 * @param peak the equity peak its drawdown counts from, NaN before the first update
 * @param dayStart the equity its daily loss counts from, NaN before the first update
 * @param pausedCycles the cycles it has waited while PAUSED
 * @param equity the portfolio's equity at the update
 * @param sleeveEquities each sleeve's equity the breaker summed at the update, in the order of {@code sleeves};
 *     {@code null} for a state stored before V9 (a restart then cannot replay the stored updates after it). Not copied:
 *     the engine makes a fresh array for each state and no one writes to it
 */
public record PortfolioBreakerState(long update, String composeId, String sleeves, long ts, BreakerState state,
        double peak, double dayStart, int pausedCycles, double equity, double[] sleeveEquities) {}
