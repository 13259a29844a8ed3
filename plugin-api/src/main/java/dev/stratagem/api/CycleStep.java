package dev.stratagem.api;

/** The ten steps of a decision cycle, in order. Each is timed and may be the step a cycle failed in. */
public enum CycleStep {
    /** Settle working orders against the new bar and take the portfolio view. */
    PORTFOLIO,
    /** Append the new bar to the strategy's market window. */
    MARKET_DATA,
    /** Run the features pipeline. */
    FEATURES,
    /** Build the compose context. */
    CONTEXT,
    /** Run the decision composer. */
    DECISION,
    /** Run every guardrail on every instruction. */
    GUARDRAILS,
    /** Hand the accepted instructions to the execution gateway. */
    EXECUTION,
    /** Apply fills to the ledger and re-mark the portfolio. */
    PORTFOLIO_UPDATE,
    /**
     * Assemble the cycle record and hand it to the history writer. The record carries its step timings, so it
     * is assembled after they are taken, and the writer's thread stores it after the cycle: this step's time in
     * the record is always 0; the history's cost shows in the writer's metrics (queue depth and latency).
     */
    HISTORY,
    /** Update the trade digest the next cycle sees. */
    DIGEST
}
