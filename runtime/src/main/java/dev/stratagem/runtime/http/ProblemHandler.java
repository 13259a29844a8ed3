package dev.stratagem.runtime.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router's failure handler: turns every failed request into RFC 9457 {@code application/problem+json}, a
 * status, the title of that status, a detail, never a stack trace. A {@link RequestProblem} gives its status and
 * detail, an {@link IllegalArgumentException} is a 400 with its message; any other failure is logged and answered
 * with the status it failed with (500 if none) and a generic detail.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

    /** The media type of every problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String detail;
        switch (failure) {
            case RequestProblem p -> {
                status = p.status();
                detail = p.getMessage();
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
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail == null ? title : detail).put("instance", ctx.request().path());
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
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
            case 413 -> "the request body is larger than this server accepts";
            case 405 -> "this resource does not accept that method";
            default -> status >= 500 ? "the server failed; its log has the cause" : "the request failed";
        };
    }
}
