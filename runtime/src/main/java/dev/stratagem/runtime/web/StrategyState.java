package dev.stratagem.runtime.web;

/**
 * A strategy as the control plane sees it.
 *
 * @param strategyId the strategy
 * @param runId its latest run
 * @param state {@code RUNNING}, {@code PAUSED}, {@code STOPPED} or {@code FINISHED}
 * @param reason why it is {@code PAUSED} (the operator, hot reload, a failing script), {@code null} otherwise
 */
public record StrategyState(String strategyId, String runId, String state, String reason) {}
