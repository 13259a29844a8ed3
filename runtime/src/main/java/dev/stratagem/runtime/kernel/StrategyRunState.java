package dev.stratagem.runtime.kernel;

/**
 * A strategy of a running kernel, as an operator sees it.
 *
 * @param strategyId the strategy
 * @param runId its run in this process
 * @param state {@code RUNNING}, {@code PAUSED} (bars skipped, nothing recorded) or {@code STOPPED} (for good)
 */
public record StrategyRunState(String strategyId, String runId, String state) {}
