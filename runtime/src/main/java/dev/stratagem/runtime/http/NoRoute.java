package dev.stratagem.runtime.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A router's last handler: a path no route serves is a 404; a path a route serves with other methods is a 405 with
 * an {@code Allow} header naming them ({@code HEAD} wherever {@code GET} is: {@link HeadAsGet}), so
 * {@code DELETE /api/runs} says the method is wrong, not the path.
 */
public final class NoRoute implements Handler<RoutingContext> {

    private static final Pattern PARAM = Pattern.compile(":[A-Za-z0-9_]+");

    private final Router router;

    /** @param router the router this handler ends, whose routes it reads at each request (they may be added later) */
    public NoRoute(Router router) {
        this.router = router;
    }

    /**
     * @param ctx a request
     * @return whether routes serve its path but none with its method: this handler answers it 405 however far it
     *     gets (so a token check before the routes need not ask for a token first)
     */
    public boolean wrongMethod(RoutingContext ctx) {
        Set<String> allowed = allowed(ctx);
        return !allowed.isEmpty() && !allowed.contains(ctx.request().method().name());
    }

    @Override
    public void handle(RoutingContext ctx) {
        Set<String> allowed = allowed(ctx);
        if (allowed.isEmpty() || allowed.contains(ctx.request().method().name())) {
            ctx.fail(404);   // no route has the path, or one with this method passed the request on
            return;
        }
        ctx.response().putHeader("Allow", String.join(", ", allowed));
        ctx.fail(405);
    }

    private Set<String> allowed(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        return allowed(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> own = route.methods();
            String template = route.getPath();
            if (own == null || own.isEmpty() || template == null) {
                continue;   // a route for every method (filters, this handler) or one set by a regex
            }
            if (matches(template, path)) {
                own.forEach(m -> methods.add(m.name()));
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");   // answered as a GET: see HeadAsGet
        }
        return methods;
    }

    private static boolean matches(String template, String path) {
        String[] parts = PARAM.split(template, -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append("[^/]+");
            }
        }
        return Pattern.matches(regex.toString(), path);
    }
}
