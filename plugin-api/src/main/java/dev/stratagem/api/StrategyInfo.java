package dev.stratagem.api;

import java.util.List;

/**
 * Who a lifecycle hook is called for.
 *
 * @param strategyId the strategy
 * @param runId the run
 * @param mode {@code backtest}, {@code paper} or {@code live}
 * @param symbols the strategy's symbols
 */
public record StrategyInfo(String strategyId, String runId, String mode, List<String> symbols) {

    /** Validates the fields. */
    public StrategyInfo {
        Checks.nonBlank(strategyId, "strategyId");
        Checks.nonBlank(runId, "runId");
        Checks.nonBlank(mode, "mode");
        symbols = List.copyOf(symbols);
    }
}
