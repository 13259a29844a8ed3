package dev.stratagem.runtime.web.auth;

import dev.stratagem.runtime.http.BearerTokens;
import dev.stratagem.runtime.http.RequestProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Lets a mutating request through only with {@code Authorization: Bearer <token>}; reads pass. A refused
 * request fails with 401 before any body is read, so nothing changes.
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleToken token;

    /** @param token the token to demand */
    public BearerAuthHandler(ConsoleToken token) {
        this.token = token;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (SAFE.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        String presented = BearerTokens.presented(header);
        if (token.matches(presented)) {
            ctx.next();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"stratagem\"");
            ctx.fail(401, new Unauthorized(presented == null
                    ? "this request changes state: send Authorization: Bearer <token> (the token is in "
                            + token.file().getFileName() + " in the data folder)"
                    : "the bearer token is wrong"));
        }
    }

    /** Why a request was refused; the message is safe to show. */
    public static final class Unauthorized extends RequestProblem {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        Unauthorized(String message) {
            super(401, message);
        }
    }
}
