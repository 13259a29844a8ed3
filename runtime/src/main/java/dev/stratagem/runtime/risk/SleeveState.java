package dev.stratagem.runtime.risk;

import dev.stratagem.api.PortfolioView;

/**
 * One strategy's capital sleeve as the risk engine sees it.
 *
 * @param strategyId the strategy
 * @param runId its run
 * @param capital its starting capital
 * @param last its portfolio after its last cycle, {@code null} before the first
 * @param breaker its own breaker's state
 */
public record SleeveState(String strategyId, String runId, double capital, PortfolioView last, BreakerState breaker) {

    /** @return the last equity, the capital before the first cycle */
    public double equity() {
        return last == null ? capital : last.equity();
    }
}
