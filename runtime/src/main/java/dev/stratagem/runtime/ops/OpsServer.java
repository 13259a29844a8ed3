package dev.stratagem.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratagem.runtime.http.BearerTokens;
import dev.stratagem.runtime.http.JsonBodies;
import dev.stratagem.runtime.http.HeadAsGet;
import dev.stratagem.runtime.http.NoRoute;
import dev.stratagem.runtime.http.ProblemHandler;
import dev.stratagem.runtime.http.RequestProblem;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.KillSwitchState;
import dev.stratagem.runtime.risk.RiskEngine;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP server for operators and Prometheus: {@code GET /metrics} (text format), {@code GET /health}
 * (liveness: the process answers), {@code GET /ready} (200 once the strategies run and the history writer
 * is healthy, else 503), {@code GET /killswitch} and {@code POST /killswitch}
 * ({@code {"action":"activate|deactivate","reason":"...","flatten":false}}; needs {@code Authorization:
 * Bearer <ops.apiToken>} when a token is configured), {@code GET /risk} (every breaker with its last
 * transition), {@code POST /risk/reset} ({@code {"scope":"<strategyId|portfolio>","reason":"..."}}, same
 * token) and {@code GET /portfolio} (the shared view over every strategy's sleeve). POST bodies are checked
 * field by field as the console API's are ({@link JsonBodies}), and every failed request, a bad body or an
 * unknown path included, is answered as {@code application/problem+json} ({@link ProblemHandler}). The web
 * console may mount the same handlers.
 */
public final class OpsServer implements AutoCloseable {

    private static final int MAX_REASON = 500;

    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param vertx the runtime's Vert.x
     * @param host bind address
     * @param port port, 0 for any free one
     * @param metrics the metrics
     * @param risk the risk engine (its kill switch, breakers and sleeves)
     * @param ready whether the runtime is ready
     * @param token the bearer token for POST, empty for none
     * @return the started server
     * @throws Exception if it cannot bind within 10 s
     */
    public static OpsServer start(Vertx vertx, String host, int port, RuntimeMetrics metrics, RiskEngine risk,
            BooleanSupplier ready, String token) throws Exception {
        KillSwitch killSwitch = risk.killSwitch();
        RiskRoutes routes = new RiskRoutes(risk);
        Router router = Router.router(vertx);
        HeadAsGet.mount(router);
        router.route().failureHandler(new ProblemHandler());
        // blocking: a scrape runs the components' own collect code, which must not hold up the event loop
        router.get("/metrics").blockingHandler(rc -> rc.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        router.get("/health").handler(rc -> json(rc, 200, new JsonObject().put("status", "UP")));
        router.get("/ready").handler(rc -> {
            boolean ok = ready.getAsBoolean();
            json(rc, ok ? 200 : 503, new JsonObject().put("status", ok ? "READY" : "NOT_READY"));
        });
        router.get("/killswitch").handler(rc -> json(rc, 200, toJson(killSwitch.state())));
        post(router, "/killswitch", token).blockingHandler(rc -> {
            JsonNode body = JsonBodies.object(rc, Set.of("action", "reason", "flatten", "actor"));
            String action = JsonBodies.optionalText(body, "action", 20);
            String reason = JsonBodies.optionalText(body, "reason", MAX_REASON);
            boolean flatten = JsonBodies.optionalBoolean(body, "flatten", false);
            KillSwitchState s = switch (action) {
                case "activate" -> killSwitch.activate(reason, flatten, actor(body));
                case "deactivate" -> killSwitch.deactivate(reason, actor(body));
                default -> throw RequestProblem.badRequest(
                        "field 'action' must be activate or deactivate, was '" + action + "'");
            };
            json(rc, 200, toJson(s));
        });
        router.get("/risk").handler(rc -> json(rc, 200, routes.risk()));
        router.get("/portfolio").handler(rc -> json(rc, 200, routes.portfolio()));
        post(router, "/risk/reset", token).blockingHandler(rc -> {
            JsonNode body = JsonBodies.object(rc, Set.of("scope", "reason", "actor"));
            json(rc, 200, routes.reset(JsonBodies.optionalText(body, "scope", 200),
                    JsonBodies.optionalText(body, "reason", MAX_REASON), actor(body)));
        });
        router.route().handler(new NoRoute(router));
        HttpServer server = vertx.createHttpServer(HeadAsGet.serverOptions())
                .requestHandler(ProblemHandler.checkingPaths(router))
                .listen(port, host)
                .await(10, TimeUnit.SECONDS);
        return new OpsServer(server);
    }

    /** @return the bound port */
    public int port() {
        return server.actualPort();
    }

    /** @return the kill switch state as the API returns it */
    public static JsonObject toJson(KillSwitchState s) {
        return new JsonObject().put("active", s.active()).put("flatten", s.flatten()).put("reason", s.reason())
                .put("actor", s.actor()).put("changedAt", s.changedAt());
    }

    /** A POST route whose body is read (up to 16 KiB) and whose token is checked before its handler runs. */
    private static Route post(Router router, String path, String token) {
        return router.post(path).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(rc -> {
            if (token.isEmpty()
                    || BearerTokens.same(token, BearerTokens.presented(rc.request().getHeader("Authorization")))) {
                rc.next();
            } else {
                rc.fail(new RequestProblem(401, "bearer token required"));
            }
        });
    }

    private static String actor(JsonNode body) {
        String actor = JsonBodies.optionalText(body, "actor", 100);
        return actor.isBlank() ? "api" : actor;
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        try {
            server.close().await(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the runtime is going down anyway
        }
    }
}
