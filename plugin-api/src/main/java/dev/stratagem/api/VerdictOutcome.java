package dev.stratagem.api;

/** The kind of a recorded guardrail verdict. */
public enum VerdictOutcome {
    /** The check let the instruction through unchanged. */
    ACCEPTED,
    /** The check reduced the instruction's size. */
    CLAMPED,
    /** The check stopped the instruction. */
    REJECTED
}
