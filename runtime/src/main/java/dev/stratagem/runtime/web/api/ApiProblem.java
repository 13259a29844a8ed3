package dev.stratagem.runtime.web.api;

import java.io.Serial;

/** An expected failure of a request, answered as RFC 9457 problem+json with this status and detail (the title is the status's). */
final class ApiProblem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    final int status;

    ApiProblem(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, detail);
    }
}
