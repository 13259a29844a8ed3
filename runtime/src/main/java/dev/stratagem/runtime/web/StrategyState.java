package dev.stratagem.runtime.web;

/**
 * A strategy as the control plane sees it.
 *
 * @param strategyId the strategy
 * @param runId its latest run
 * @param state {@code RUNNING}, {@code PAUSED}, {@code STOPPED} or {@code FINISHED}
 */
public record StrategyState(String strategyId, String runId, String state) {}
