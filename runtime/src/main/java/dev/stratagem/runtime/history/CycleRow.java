package dev.stratagem.runtime.history;

import dev.stratagem.api.CycleStatus;

/**
 * One line of a run's cycle list; the full record is {@link JdbiHistoryStore#cycle(String)}.
 *
 * @param composeId the cycle id
 * @param sequence the cycle's number in its run
 * @param ts the bar timestamp
 * @param status how the cycle ended
 * @param rationale the composer's reason, empty if it did not run
 * @param errorStep for a failed cycle, the step that failed; else empty
 * @param errorReason for a failed cycle, why; else empty
 */
public record CycleRow(String composeId, long sequence, long ts, CycleStatus status, String rationale,
        String errorStep, String errorReason) {}
