package dev.stratagem.runtime.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
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
        send(ctx.response(), ctx.request().path(), status, detail);
    }

    /**
     * Answers with a problem, for a request no router saw.
     *
     * @param response the response, left alone if already ended
     * @param path the request's path, the problem's instance
     * @param status the HTTP status
     * @param detail what is wrong, {@code null} for the status's title
     */
    public static void send(HttpServerResponse response, String path, int status, String detail) {
        if (response.ended()) {
            return;
        }
        String title = title(status);
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail == null ? title : detail).put("instance", path);
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
    }

    /**
     * A request handler that answers a path or query with a broken percent-escape ({@code /api/runs/%ZZ}) with a 400
     * problem before the router sees it: the router would log the decoding error with its stack and answer in plain
     * text.
     *
     * @param router the router that handles every other request
     * @return the handler to serve with
     */
    public static Handler<HttpServerRequest> checkingPaths(Handler<HttpServerRequest> router) {
        return request -> {
            // the API's handlers decode the query; elsewhere (a page, the ops endpoint) it is not read
            String bad = badEscape(request.path().startsWith("/api/") ? request.uri() : request.path());
            if (bad != null) {
                send(request.response(), request.path(), 400, "the request's path or query has '" + bad + "', which"
                        + " is not a percent-escape (a % and two hex digits)");
                return;
            }
            router.handle(request);
        };
    }

    /** @return the first {@code %} and the two characters after it that are not a percent-escape, else null */
    static String badEscape(String path) {
        for (int i = path == null ? -1 : path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                return path.substring(i, Math.min(path.length(), i + 3));
            }
        }
        return null;
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
            case 503 -> "Service unavailable";
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
