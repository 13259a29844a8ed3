package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.plugin.PluginInfo;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.KernelControlPlane;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves the console on a history database for a command: on a finished history with its own Vert.x and the
 * plugins folder's catalog ({@code demo}, {@code console}), or on a running runtime's Vert.x with its plugin
 * control ({@code run}).
 */
final class ConsoleLauncher implements AutoCloseable {

    private final Vertx ownVertx;
    private final JdbiHistoryStore store;
    private final PluginCatalog catalog;
    private final ConsoleServer server;
    private final int port;

    private ConsoleLauncher(Vertx ownVertx, JdbiHistoryStore store, PluginCatalog catalog, ConsoleServer server) {
        this.ownVertx = ownVertx;
        this.store = store;
        this.catalog = catalog;
        this.server = server;
        this.port = server.port();
    }

    /** Serves a finished history on a Vert.x of its own; the plugin list comes from the plugins folder. */
    static ConsoleLauncher start(ConsoleOptions options, Path database, Path plugins, PrintStream out) throws Exception {
        return serve(null, options, database, plugins, out);
    }

    /**
     * Serves a running runtime: on its Vert.x (which the runtime closes at its shutdown), with its plugins live.
     *
     * Start / pause / stop act on the kernel's strategies, the kill switch on its risk engine, and the live
     * cycle stream is pushed from its bus.
     *
     * @param kernel the running runtime
     */
    static ConsoleLauncher startOnRuntime(Kernel kernel, ConsoleOptions options, Path database, PrintStream out)
            throws Exception {
        return serve(kernel, options, database, null, out);
    }

    /**
     * The runtime stopped and its Vert.x took this console down: serves the recorded history again at the same
     * address, on a Vert.x of its own, the plugin list from the plugins folder.
     */
    ConsoleLauncher afterRuntime(ConsoleOptions options, Path database, Path plugins) throws Exception {
        release();
        return serve(null, new ConsoleOptions(options.host(), port, options.maxBodyBytes()), database,
                plugins, null);
    }

    private static ConsoleLauncher serve(Kernel kernel, ConsoleOptions options, Path database, Path plugins,
            PrintStream out) throws Exception {
        Vertx runtimeVertx = kernel == null ? null : kernel.vertx();
        PluginControl live = kernel == null ? null : kernel.plugins();
        JdbiHistoryStore store = JdbiHistoryStore.openFile(database);
        PluginCatalog catalog = null;
        Vertx own = null;
        try {
            catalog = plugins == null ? null : PluginCatalog.load(plugins);
            ConsoleToken token = TokenStore.loadOrCreate(database.toAbsolutePath().getParent());
            Supplier<List<PluginInfo>> folder = catalog == null ? List::of : catalog::plugins;
            own = runtimeVertx == null ? Vertx.vertx() : null;
            ConsoleServer server = ConsoleServer.start(runtimeVertx == null ? own : runtimeVertx, options,
                    kernel == null ? new ConsoleSources(store, HistoryControlPlane.over(store), folder)
                            : new ConsoleSources(store, new KernelControlPlane(kernel, store), folder, live,
                                    kernel.vertx().eventBus()), token)
                    .await(30, TimeUnit.SECONDS);
            if (out != null) {
                out.println("console      " + server.url() + (live == null ? "" : " (plugin API: "
                        + server.url() + "api/plugins)"));
                if (token.created()) {
                    out.println("console token (shown once; kept in " + token.file() + ", owner-readable only):");
                    out.println("             " + token.value());
                } else {
                    out.println("console token in " + token.file());
                }
            }
            return new ConsoleLauncher(own, store, catalog, server);
        } catch (Exception e) {
            if (own != null) {
                own.close();
            }
            store.close();
            if (catalog != null) {
                catalog.close();
            }
            throw e;
        }
    }

    /** Blocks until Ctrl-C (SIGINT) or SIGTERM, then closes. */
    void serveUntilSignal(PrintStream out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close();
            stopped.countDown();
        }, "stratagem-console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("serving the console until Ctrl-C");
        stopped.await();
    }

    String url() {
        return server.url();
    }

    @Override
    public synchronized void close() {
        try {
            if (ownVertx != null) {
                ownVertx.close().await(10, TimeUnit.SECONDS);
            } else {
                server.close().await(10, TimeUnit.SECONDS); // the runtime's Vert.x is the runtime's to close
            }
        } catch (Exception e) {
            // closing anyway: the store and catalog below must still be released
        }
        release();
    }

    private void release() {
        store.close();
        if (catalog != null) {
            catalog.close();
        }
    }
}
