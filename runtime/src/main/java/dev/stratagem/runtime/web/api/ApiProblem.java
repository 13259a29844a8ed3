package dev.stratagem.runtime.web.api;

import java.io.Serial;

/** An expected failure of a request, answered as RFC 9457 problem+json with this status, title and detail. */
final class ApiProblem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    final int status;
    final String title;

    ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }
}
