package dev.stratagem.runtime.kernel;

/**
 * A strategy of a running kernel, as an operator sees it.
 *
 * @param strategyId the strategy
 * @param runId its run in this process
 * @param state {@code RUNNING}, {@code PAUSED} (bars skipped, nothing recorded; or a script component paused
 *     after failing again and again, its cycles failing fast) or {@code STOPPED} (for good)
 * @param reason why it is {@code PAUSED}: the operator paused it, hot reload did (its plugin jar was removed), or
 *     a script component failed too often; {@code null} in any other state
 */
public record StrategyRunState(String strategyId, String runId, String state, String reason) {

    /** The reason of a strategy the operator paused. */
    public static final String PAUSED_BY_OPERATOR = "paused by the operator";
}
