package dev.stratagem.runtime.risk;

import java.util.Objects;

/**
 * The kill switch as stored: while active every new order is rejected; with {@code flatten} the runtime
 * also closes every position with reduce-only orders.
 *
 * @param active whether it is on
 * @param flatten whether positions are to be closed while it is on
 * @param reason why it was last changed
 * @param actor who changed it (cli, api, console, runtime)
 * @param changedAt when, epoch millis
 */
public record KillSwitchState(boolean active, boolean flatten, String reason, String actor, long changedAt) {

    /** The state of a database that never saw the switch. */
    public static final KillSwitchState OFF = new KillSwitchState(false, false, "never activated", "runtime", 0);

    /** Validates. */
    public KillSwitchState {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        if (active && reason.isBlank()) {
            throw new IllegalArgumentException("activating the kill switch needs a reason");
        }
    }
}
