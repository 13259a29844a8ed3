package dev.stratagem.runtime.web;

import dev.stratagem.runtime.http.RequestProblem;
import java.io.Serial;

/** A control command that cannot be carried out; its {@link #status()} is the HTTP status the API answers with. */
public final class ControlException extends RequestProblem {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param status 404 for an unknown target, 409 for a command that does not apply in the current state, 400
     *         for a command that lacks something (a reason)
     * @param message why, for the operator
     */
    public ControlException(int status, String message) {
        super(status, message);
    }
}
