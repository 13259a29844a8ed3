package dev.stratagem.api;

/** How a cycle ended. */
public enum CycleStatus {
    /** The features pipeline was still warming up; no decision was asked for. */
    WARMUP,
    /** The composer decided to do nothing. */
    IDLE,
    /** At least one instruction passed the guardrails and went to the gateway. */
    TRADED,
    /** Every instruction was rejected by a guardrail. */
    REJECTED,
    /** A step failed; the record names the step and the reason. */
    FAILED
}
