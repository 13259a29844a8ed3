package dev.stratagem.runtime.web;

import dev.stratagem.runtime.http.HeadAsGet;
import dev.stratagem.runtime.http.ProblemHandler;
import dev.stratagem.runtime.web.api.ApiRoutes;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.console.ConsolePages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The console: the REST API under {@code /api} and the pages at {@code /}, one HTTP server on one host and port
 * (loopback by default). Start it on any Vert.x instance; {@link #close()} stops listening.
 */
public final class ConsoleServer {

    private final HttpServer server;
    private final Router router;
    private final String host;

    private ConsoleServer(HttpServer server, Router router, String host) {
        this.server = server;
        this.router = router;
        this.host = host;
    }

    /**
     * Builds the routes and listens.
     *
     * @param vertx the Vert.x instance to serve on
     * @param options host, port, body limit
     * @param sources the history, the control plane, the plugins
     * @param token the bearer token mutating requests need
     * @return the listening server, or the bind failure (e.g. the port is taken)
     */
    public static Future<ConsoleServer> start(Vertx vertx, ConsoleOptions options, ConsoleSources sources,
            ConsoleToken token) {
        Router router = Router.router(vertx);
        HeadAsGet.mount(router);
        ApiRoutes.mount(router, sources, token, options);
        ConsolePages.mount(router);
        return vertx.createHttpServer(HeadAsGet.serverOptions()).requestHandler(ProblemHandler.checkingPaths(router))
                .listen(options.port(), options.host())
                .map(server -> new ConsoleServer(server, router, options.host()))
                .recover(e -> Future.failedFuture(new IllegalStateException("the console cannot listen on "
                        + options.host() + ":" + options.port() + ": " + e.getMessage(), e)));
    }

    /** @return the port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return the console's address, e.g. {@code http://127.0.0.1:8080/} */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** @return the router (the OpenAPI test compares its routes with the document) */
    public Router router() {
        return router;
    }

    /** @return completes when it has stopped listening */
    public Future<Void> close() {
        return server.close();
    }
}
