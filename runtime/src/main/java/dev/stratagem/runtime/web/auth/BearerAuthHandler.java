package dev.stratagem.runtime.web.auth;

import dev.stratagem.runtime.http.BearerTokens;
import dev.stratagem.runtime.http.NoRoute;
import dev.stratagem.runtime.http.RequestProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Lets a mutating request through only with {@code Authorization: Bearer <token>}; reads pass. A refused
 * request fails with 401 before any body is read, so nothing changes. A method no route serves on a served path
 * passes too, to the router's {@link NoRoute}: its 405 and {@code Allow} are the answer with or without a token
 * (a {@code DELETE /api/runs} asked for a token, then was refused anyway).
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleToken token;
    private final NoRoute routes;

    /**
     * @param token the token to demand
     * @param routes the router's last handler, which knows the methods each path is served with
     */
    public BearerAuthHandler(ConsoleToken token, NoRoute routes) {
        this.token = token;
        this.routes = routes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (SAFE.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        String presented = BearerTokens.presented(header);
        if (token.matches(presented) || routes.wrongMethod(ctx)) {   // the routes are read only for a refusal
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
