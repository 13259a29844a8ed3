package dev.stratagem.runtime.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A router's first route: a {@code HEAD} request is routed again as a {@code GET} (RFC 9110, 9.3.2), so every path
 * that answers {@code GET} answers {@code HEAD} with the same status and headers (a health probe or {@code curl -I}
 * gets a 200, not a 405). Vert.x sends no body in the answer to a {@code HEAD} over HTTP/1.1, the one protocol the
 * servers speak ({@link #serverOptions}). A handler whose {@code GET} never ends by itself (an event stream) asks
 * {@link #isHead} and ends after its headers.
 */
public final class HeadAsGet implements Handler<RoutingContext> {

    private static final String HEAD = "stratagem.head";

    /**
     * @return the options of a server this router serves: HTTP/1.1 only. Vert.x 5.0 sends the body of a
     *     {@code HEAD}'s answer over HTTP/2 (its HTTP/2 response has no HEAD case), and a plain-HTTP client's
     *     upgrade to HTTP/2 (h2c, on by default) is what would get it there; browsers speak HTTP/2 only over TLS,
     *     so they lose nothing
     */
    public static HttpServerOptions serverOptions() {
        return new HttpServerOptions().setHttp2ClearTextEnabled(false);
    }

    private HeadAsGet() {
    }

    /** @param router a router with no routes yet: this one must come first */
    public static void mount(Router router) {
        if (!router.getRoutes().isEmpty()) {
            throw new IllegalStateException("HEAD as GET must be the router's first route");
        }
        router.route().handler(new HeadAsGet());
    }

    /**
     * @param ctx a request, routed as a {@code GET}
     * @return whether the client sent it as a {@code HEAD}, so nothing of the body is read
     */
    public static boolean isHead(RoutingContext ctx) {
        return ctx.get(HEAD) != null;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.HEAD || isHead(ctx)) {
            ctx.next();
            return;
        }
        ctx.put(HEAD, Boolean.TRUE);
        String query = ctx.request().query();
        ctx.reroute(HttpMethod.GET, ctx.request().path() + (query == null ? "" : "?" + query));
    }
}
