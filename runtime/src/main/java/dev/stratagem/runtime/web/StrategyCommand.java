package dev.stratagem.runtime.web;

/** What an operator can ask of a strategy. */
public enum StrategyCommand {
    /** Run (again, after a pause). */
    START,
    /** Stop after the current cycle; a stopped run does not resume. */
    STOP,
    /** Hold: no new cycles until started again. */
    PAUSE
}
