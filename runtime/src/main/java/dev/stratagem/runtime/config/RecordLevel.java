package dev.stratagem.runtime.config;

import dev.stratagem.runtime.cycle.CycleOutcome;

/** How much of a run the history keeps. Paper and live runs always record {@link #ALL}. */
public enum RecordLevel {
    /** Every cycle. */
    ALL,
    /** Cycles that traded, were rejected, failed or had fills. */
    ACTIVITY,
    /** Only the run summary and its trades. */
    SUMMARY;

    /**
     * @param cycle a finished cycle
     * @return whether this level keeps it
     */
    public boolean keeps(CycleOutcome cycle) {
        return switch (this) {
            case ALL -> true;
            case ACTIVITY -> cycle.hasActivity();
            case SUMMARY -> false;
        };
    }
}
