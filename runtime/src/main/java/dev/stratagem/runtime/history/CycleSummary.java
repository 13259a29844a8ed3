package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleStatus;

/**
 * One line of a filtered cycle list.
 *
 * @param composeId the cycle id
 * @param runId its run
 * @param sequence its number in the run
 * @param ts the bar time, epoch milliseconds
 * @param status how it ended
 * @param rationale the composer's reason, empty if it did not run
 * @param errorStep the step that failed, empty unless it failed
 * @param totalNanos how long the cycle took
 */
public record CycleSummary(String composeId, String runId, long sequence, long ts, CycleStatus status,
        String rationale, String errorStep, long totalNanos) {}
