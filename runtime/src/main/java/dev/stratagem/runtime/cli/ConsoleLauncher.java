package dev.stratagem.runtime.cli;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.web.ConsoleOptions;
import dev.stratagem.runtime.web.ConsoleServer;
import dev.stratagem.runtime.web.ConsoleSources;
import dev.stratagem.runtime.web.HistoryControlPlane;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves the console on a history database for a command: its own Vert.x, store and plugin catalog. */
final class ConsoleLauncher implements AutoCloseable {

    private final Vertx vertx;
    private final JdbiHistoryStore store;
    private final PluginCatalog catalog;
    private final ConsoleServer server;

    private ConsoleLauncher(Vertx vertx, JdbiHistoryStore store, PluginCatalog catalog, ConsoleServer server) {
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.server = server;
    }

    static ConsoleLauncher start(ConsoleOptions options, Path database, Path plugins, PrintStream out) throws Exception {
        JdbiHistoryStore store = JdbiHistoryStore.openFile(database);
        PluginCatalog catalog = PluginCatalog.load(plugins);
        ConsoleToken token = TokenStore.loadOrCreate(database.toAbsolutePath().getParent());
        Vertx vertx = Vertx.vertx();
        try {
            ConsoleServer server = ConsoleServer.start(vertx, options,
                    new ConsoleSources(store, HistoryControlPlane.over(store), catalog::plugins), token)
                    .await(30, TimeUnit.SECONDS);
            out.println("console      " + server.url());
            if (token.created()) {
                out.println("console token (shown once; kept in " + token.file() + ", owner-readable only):");
                out.println("             " + token.value());
            } else {
                out.println("console token in " + token.file());
            }
            return new ConsoleLauncher(vertx, store, catalog, server);
        } catch (Exception e) {
            vertx.close();
            store.close();
            catalog.close();
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
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway: the store and catalog below must still be released
        }
        store.close();
        catalog.close();
    }
}
