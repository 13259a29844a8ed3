package dev.stratagem.runtime.web.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The console's pages, scripts and styles ({@code webroot/} on the class path) and the bundled chart library
 * ({@code /webjars/chart.js/4.4.1/...} from its WebJar). Served with a strict content security policy: no
 * inline scripts, nothing from elsewhere.
 */
public final class ConsolePages {

    private ConsolePages() {}

    /** @param router the console's router */
    public static void mount(Router router) {
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                            + " img-src 'self' data:; frame-ancestors 'none'");
            ctx.next();
        });
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
                .setCachingEnabled(true).setMaxAgeSeconds(86400));
        router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    }
}
