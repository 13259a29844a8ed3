package dev.stratagem.runtime.risk;

/**
 * One change of a breaker's state, as recorded in {@code breaker_events} and logged.
 *
 * @param scope a strategy id, or {@link RiskEngine#PORTFOLIO} for the whole portfolio
 * @param runId the strategy's run, or {@code null} for the portfolio
 * @param ts the cycle time that caused it
 * @param from the state before
 * @param to the state after
 * @param cause what crossed which level, or who reset it
 * @param equity the equity at the time
 */
public record BreakerTransition(String scope, String runId, long ts, BreakerState from, BreakerState to, String cause,
        double equity) {}
