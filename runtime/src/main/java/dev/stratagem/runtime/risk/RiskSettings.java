package dev.stratagem.runtime.risk;

import java.util.Map;

/**
 * Everything the risk engine is configured with.
 *
 * @param portfolioBreaker the portfolio's breaker levels
 * @param strategyBreakers each strategy's breaker levels by strategy id (absent: {@code defaultStrategyBreaker})
 * @param defaultStrategyBreaker breaker levels of a strategy without its own
 * @param portfolioLimits gross, net and concentration limits
 * @param varLimits each strategy's VaR limit by id (absent: {@code defaultVarLimit})
 * @param defaultVarLimit VaR limit of a strategy without its own
 */
public record RiskSettings(BreakerLimits portfolioBreaker, Map<String, BreakerLimits> strategyBreakers,
        BreakerLimits defaultStrategyBreaker, PortfolioLimits portfolioLimits, Map<String, VarLimit> varLimits,
        VarLimit defaultVarLimit) {

    /** No limits at all beyond the strategies' own guardrails. */
    public static final RiskSettings NONE = new RiskSettings(BreakerLimits.OFF, Map.of(), BreakerLimits.OFF,
            PortfolioLimits.NONE, Map.of(), VarLimit.NONE);

    /** Copies the maps. */
    public RiskSettings {
        strategyBreakers = Map.copyOf(strategyBreakers);
        varLimits = Map.copyOf(varLimits);
    }

    BreakerLimits breakerFor(String strategyId) {
        return strategyBreakers.getOrDefault(strategyId, defaultStrategyBreaker);
    }

    VarLimit varFor(String strategyId) {
        return varLimits.getOrDefault(strategyId, defaultVarLimit);
    }
}
