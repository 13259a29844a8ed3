package dev.stratagem.runtime.plugin.reload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;

/**
 * The plugin API as a Vert.x Web sub-router, to mount under {@code /api}:
 * {@code GET /plugins}, {@code GET /plugins/:id/history}, {@code POST /plugins/:id/rollback} (optional
 * query or JSON body {@code to}: the version). Answers JSON; a bad request answers 400 with
 * {@code {"error": "..."}}. Control calls run off the event loop.
 */
public final class PluginRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginRoutes() {}

    /**
     * @param vertx the Vert.x instance
     * @param control the runtime's plugins
     * @return the sub-router
     */
    public static Router router(Vertx vertx, PluginControl control) {
        Router router = Router.router(vertx);
        router.get("/plugins").handler(ctx -> answer(ctx, control::list));
        router.get("/plugins/:id/history").handler(ctx -> answer(ctx, () -> control.history(ctx.pathParam("id"))));
        router.post("/plugins/:id/rollback").handler(BodyHandler.create().setBodyLimit(4096));
        router.post("/plugins/:id/rollback").handler(ctx -> answer(ctx, () -> {
            String to = ctx.queryParams().get("to");
            if (to == null && ctx.body().length() > 0) {
                var body = ctx.body().asJsonObject();
                to = body == null ? null : body.getString("to");
            }
            return control.rollback(ctx.pathParam("id"), to == null || to.isBlank() ? null : to);
        }));
        return router;
    }

    /**
     * Serves the plugin API alone on 127.0.0.1 (for {@code stratagem run --api-port}); the web console
     * mounts {@link #router} behind its authentication instead.
     *
     * @param vertx the Vert.x instance
     * @param control the runtime's plugins
     * @param port the port, 0 for any free one
     * @return the listening server
     */
    public static Future<HttpServer> serve(Vertx vertx, PluginControl control, int port) {
        Router root = Router.router(vertx);
        root.route("/api/*").subRouter(router(vertx, control));
        return vertx.createHttpServer().requestHandler(root).listen(port, "127.0.0.1");
    }

    private static void answer(RoutingContext ctx, Callable<Object> call) {
        ctx.vertx().executeBlocking(() -> JSON.writeValueAsString(call.call()), false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("content-type", "application/json").end(result.result());
            } else {
                Throwable e = result.cause();
                int status = e instanceof IllegalArgumentException ? 400 : 500;
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                        .end(error(String.valueOf(e.getMessage())));
            }
        });
    }

    private static String error(String message) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("error", message));
        } catch (JsonProcessingException e) {
            return "{\"error\":\"unprintable\"}";
        }
    }
}
