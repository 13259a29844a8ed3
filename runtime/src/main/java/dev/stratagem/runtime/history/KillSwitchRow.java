package dev.stratagem.runtime.history;

/**
 * The stored kill switch: one row, engaged or not.
 *
 * @param engaged whether trading is halted
 * @param reason why it was last changed
 * @param changedAt epoch milliseconds of the last change, {@code 0} if never changed
 * @param changedBy who changed it (e.g. {@code console})
 */
public record KillSwitchRow(boolean engaged, String reason, long changedAt, String changedBy) {

    /** The state of a database where the switch was never touched. */
    public static final KillSwitchRow RELEASED = new KillSwitchRow(false, "", 0, "");
}
