package dev.stratagem.plugins.llm;

/** The urgency of a call; the queue serves {@link #URGENT} first. */
enum Priority {
    /** May reduce risk: the strategy holds a position, so the answer may be an exit. */
    URGENT,
    /** Can only open risk: the strategy is flat. */
    NORMAL
}
