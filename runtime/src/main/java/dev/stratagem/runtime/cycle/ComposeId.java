package dev.stratagem.runtime.cycle;

import java.util.Optional;

/**
 * A compose id, {@code <runId>-<sequence>}: made by the {@link CycleCoordinator}, read back by the history (a
 * cycle looked up by id, a search by id prefix).
 *
 * @param runId the run
 * @param sequence the cycle's number in it, from 1
 */
public record ComposeId(String runId, long sequence) {

    /**
     * @param runId a run
     * @return what every compose id of the run starts with; the sequence follows
     */
    public static String prefix(String runId) {
        return runId + "-";
    }

    /**
     * @param composeId text that may be a compose id
     * @return its run and sequence, empty if it is not one
     */
    public static Optional<ComposeId> parse(String composeId) {
        int dash = composeId.lastIndexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ComposeId(composeId.substring(0, dash), Long.parseLong(composeId.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return prefix(runId) + sequence;
    }
}
