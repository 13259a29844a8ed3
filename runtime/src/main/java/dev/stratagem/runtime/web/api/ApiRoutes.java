package dev.stratagem.runtime.web.api;

import dev.stratagem.runtime.http.NoRoute;
import dev.stratagem.runtime.http.ProblemHandler;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.auth.BearerAuthHandler;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The REST API under {@code /api}, as documented by {@code /api/openapi.json} (a test checks that every
 * documented operation is routed and every route documented). Reads are open; every mutating request
 * passes a size-limited body handler (413 beyond the limit), then the bearer check, before any handler acts; every
 * request's query parameters are those its operation documents, each once ({@link QueryCheck}).
 */
public final class ApiRoutes {

    /** Where the OpenAPI document is on the class path. */
    public static final String OPENAPI_RESOURCE = "dev/stratagem/runtime/web/api/openapi.json";

    private ApiRoutes() {}

    /**
     * Mounts the API on a router.
     *
     * @param router the console's router
     * @param sources what the API reads and drives
     * @param token the bearer token mutating requests need
     * @param options the body limit
     */
    public static void mount(Router router, ConsoleSources sources, ConsoleToken token, ConsoleOptions options) {
        String openapi = openApiDocument();
        NoRoute noRoute = new NoRoute(router);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(options.maxBodyBytes()))
                .handler(new BearerAuthHandler(token, noRoute))
                .handler(new QueryCheck(openapi))
                .failureHandler(new ProblemHandler());
        router.get("/api/openapi.json").handler(ctx -> ApiJson.sendRaw(ctx, openapi));

        StrategiesApi strategies = new StrategiesApi(sources);
        blocking(router.get("/api/strategies"), strategies::list);
        blocking(router.post("/api/strategies/:strategyId/start"), strategies::start);
        blocking(router.post("/api/strategies/:strategyId/stop"), strategies::stop);
        blocking(router.post("/api/strategies/:strategyId/pause"), strategies::pause);

        RunsApi runs = new RunsApi(sources.store(), sources.control());
        blocking(router.get("/api/runs"), runs::list);
        blocking(router.get("/api/runs/:runId"), runs::one);
        blocking(router.get("/api/runs/:runId/cycles"), runs::cycles);
        blocking(router.get("/api/runs/:runId/equity"), runs::equity);
        blocking(router.get("/api/runs/:runId/prices"), runs::prices);
        router.get("/api/runs/:runId/trades").handler(runs::trades);   // waits on no thread: see there
        router.get("/api/runs/:runId/live").handler(new LiveCycleStream(sources.store(), sources.cycleBus()));
        blocking(router.get("/api/cycles/:composeId"), runs::cycle);

        PluginsApi plugins = new PluginsApi(sources);
        blocking(router.get("/api/plugins"), plugins::list);
        blocking(router.get("/api/plugins/:pluginId/history"), plugins::history);
        blocking(router.post("/api/plugins/:pluginId/reload"), plugins::reload);
        blocking(router.post("/api/plugins/:pluginId/rollback"), plugins::rollback);
        blocking(router.get("/api/scripts"), plugins::scripts);

        RiskApi risk = new RiskApi(sources);
        blocking(router.get("/api/risk"), risk::state);
        blocking(router.get("/api/risk/kill-switch"), risk::killSwitch);
        blocking(router.put("/api/risk/kill-switch"), risk::setKillSwitch);

        router.route("/api/*").handler(noRoute);
    }

    private static void blocking(io.vertx.ext.web.Route route, Handler<RoutingContext> handler) {
        route.blockingHandler(handler, false);
    }

    private static String openApiDocument() {
        try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
