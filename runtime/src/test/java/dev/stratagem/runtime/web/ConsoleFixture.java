package dev.stratagem.runtime.web;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real console on a real H2 file: the demo backtest (SMA 10/30 on ORCL) and a guarded variant whose
 * max order notional of 10 clamps the early orders and rejects the later ones, so the history holds
 * traded, idle and rejected cycles. Served on a free loopback port.
 */
final class ConsoleFixture implements AutoCloseable {

    final Path dir;
    final JdbiHistoryStore store;
    final PluginCatalog catalog;
    final Vertx vertx;
    final ConsoleServer server;
    final ConsoleToken token;
    final BacktestResult demo;
    final BacktestResult guarded;
    final HttpClient http = HttpClient.newHttpClient();

    ConsoleFixture(Path dir) throws Exception {
        this.dir = dir;
        Path db = dir.resolve("data").resolve("stratagem");
        Path demoStrategy = TestPaths.strategies().resolve("sma-crossover-orcl.yaml");
        Path guardedStrategy = dir.resolve("sma-guarded.yaml");
        Files.writeString(guardedStrategy, Files.readString(demoStrategy)
                .replace("id: sma-crossover-orcl", "id: sma-guarded-orcl")
                .replace("  maxLeverage: 1.0", "  maxLeverage: 1.0\n  maxOrderNotional: 10"));
        Path data = TestPaths.data().resolve("orcl-1995-2014.txt");
        demo = backtest(demoStrategy, data, db);
        guarded = backtest(guardedStrategy, data, db);
        store = JdbiHistoryStore.openFile(db);
        catalog = PluginCatalog.load(TestPaths.plugins());
        token = TokenStore.loadOrCreate(db.getParent());
        vertx = Vertx.vertx();
        server = ConsoleServer.start(vertx, ConsoleOptions.loopback(0),
                new ConsoleSources(store, HistoryControlPlane.over(store), catalog::plugins), token)
                .await(30, TimeUnit.SECONDS);
    }

    private static BacktestResult backtest(Path strategy, Path data, Path db) {
        return BacktestRunner.run(new BacktestRequest(strategy, List.of(data), null, null, null, null, null,
                RecordLevel.ALL, false, TestPaths.plugins(), db));
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        store.close();
        catalog.close();
    }
}
