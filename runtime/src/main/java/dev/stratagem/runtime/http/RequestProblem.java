package dev.stratagem.runtime.http;

import java.io.Serial;

/**
 * An expected failure of a request, answered by {@link ProblemHandler} with this status, the title of that
 * status and this message as the detail (so the message must be safe to show).
 */
public class RequestProblem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status to answer with
     * @param detail why, for the caller
     */
    public RequestProblem(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /**
     * @param detail what is wrong with the request, naming the field or parameter
     * @return a 400
     */
    public static RequestProblem badRequest(String detail) {
        return new RequestProblem(400, detail);
    }

    /**
     * @param detail what was not found
     * @return a 404
     */
    public static RequestProblem notFound(String detail) {
        return new RequestProblem(404, detail);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
