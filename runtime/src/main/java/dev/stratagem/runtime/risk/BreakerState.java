package dev.stratagem.runtime.risk;

/** A circuit breaker's state, in order of severity. */
public enum BreakerState {
    /** Trading as usual. */
    ACTIVE,
    /** Only orders that reduce a position pass. */
    REDUCING,
    /** No order passes; resumes by the configured rule. */
    PAUSED,
    /** No order passes until an operator resets it. */
    HALTED
}
