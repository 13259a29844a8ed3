package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleStatus;

/**
 * What a page of a run's cycle list keeps: every field is optional ({@code null} or {@code 0} = any).
 * Pages are keyset pages by sequence: {@code afterSequence} is the last sequence of the previous page.
 *
 * @param runId the run (required)
 * @param status only cycles that ended so, {@code null} for any
 * @param componentId only cycles that ran this component id, {@code null} for any
 * @param componentVersion with {@code componentId}: only this version of it, {@code null} for any
 * @param fromTs only bars at or after this epoch-millisecond time, {@code null} for any
 * @param toTs only bars at or before this epoch-millisecond time, {@code null} for any
 * @param composeIdPrefix only cycles whose compose id starts so, {@code null} for any
 * @param afterSequence only cycles after this sequence ({@code 0} for the first page)
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 */
public record CycleFilter(String runId, CycleStatus status, String componentId, String componentVersion,
        Long fromTs, Long toTs, String composeIdPrefix, long afterSequence, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    /** Validates the run id, the cursor and the page size. */
    public CycleFilter {
        RunInfo.requireText(runId, "runId");
        if (afterSequence < 0) {
            throw new IllegalArgumentException("after must be >= 0, was " + afterSequence);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        componentId = blankToNull(componentId);
        componentVersion = blankToNull(componentVersion);
        composeIdPrefix = blankToNull(composeIdPrefix);
        if (componentVersion != null && componentId == null) {
            throw new IllegalArgumentException("a component version needs a component id");
        }
    }

    /**
     * @param runId a run
     * @param limit the page size
     * @return the first page of all its cycles
     */
    public static CycleFilter all(String runId, int limit) {
        return new CycleFilter(runId, null, null, null, null, null, null, 0, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
