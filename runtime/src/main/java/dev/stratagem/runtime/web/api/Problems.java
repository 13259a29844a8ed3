package dev.stratagem.runtime.web.api;

import dev.stratagem.runtime.web.ControlException;
import dev.stratagem.runtime.web.auth.BearerAuthHandler;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into RFC 9457 {@code application/problem+json}: a status, the title of that status,
 * a detail, never a stack trace.
 */
final class Problems implements Handler<RoutingContext> {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String detail;
        switch (failure) {
            case ApiProblem p -> {
                status = p.status;
                detail = p.getMessage();
            }
            case ControlException c -> {
                status = c.status();
                detail = c.getMessage();
            }
            case BearerAuthHandler.Unauthorized u -> {
                status = 401;
                detail = u.getMessage();
            }
            case DecodeException d -> {
                status = 400;
                detail = "the body is not valid JSON";
            }
            case IllegalArgumentException e -> {
                status = 400;
                detail = e.getMessage();
            }
            case null, default -> {
                detail = detail(status);
                if (status >= 500) {
                    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
                }
            }
        }
        send(ctx, status, detail);
    }

    private static void send(RoutingContext ctx, int status, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String title = title(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail == null ? title : detail);
        body.put("instance", ctx.request().path());
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(ApiJson.write(body));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 501 -> "Not implemented";
            default -> status >= 500 ? "Internal error" : "Request failed";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 413 -> "the request body is larger than the console accepts";
            case 405 -> "this resource does not accept that method";
            default -> status >= 500 ? "the server failed; the console log has the cause" : "the request failed";
        };
    }
}
