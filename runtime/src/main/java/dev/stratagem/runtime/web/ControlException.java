package dev.stratagem.runtime.web;

import java.io.Serial;

/** A control command that cannot be carried out; {@code status} is the HTTP status the API answers with. */
public final class ControlException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status 404 for an unknown target, 409 for a command that does not apply in the current state
     * @param message why, for the operator
     */
    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
