package dev.stratagem.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.Await;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.web.auth.ConsoleToken;
import dev.stratagem.runtime.web.auth.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratagem run}'s console on a real kernel (two SMA strategies on the ORCL replay, slowed to about
 * 100 bars a second so it keeps running): pause, start and stop act on the running strategy through the HTTP
 * API, and the live stream is pushed from the bus.
 */
class KernelControlPlaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A daily bar every 10 ms. */
    private static final double SPEED = 8_640_000;

    @TempDir
    Path dir;

    private Kernel kernel;
    private JdbiHistoryStore store;
    private ConsoleServer server;
    private ConsoleToken token;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void shutdown() throws Exception {
        if (server != null) {
            server.close().await(10, TimeUnit.SECONDS);
        }
        if (kernel != null) {
            kernel.shutdown("test end");
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void pause_start_and_stop_act_on_the_running_strategy_with_the_token_only() throws Exception {
        start();
        assertThat(post("sma-a", "pause", null).statusCode()).isEqualTo(401);
        assertThat(post("sma-a", "pause", "not-the-token").statusCode()).isEqualTo(401);
        assertThat(state("sma-a")).isEqualTo("RUNNING");

        HttpResponse<String> paused = post("sma-a", "pause", token.value());
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(JSON.readTree(paused.body()).path("state").asText()).isEqualTo("PAUSED");
        assertThat(state("sma-a")).isEqualTo("PAUSED");
        assertThat(state("sma-b")).isEqualTo("RUNNING");
        // once b has moved on, every cycle a ran before the pause is committed (one ordered writer)
        awaitGrowth("sma-b", 10);
        long frozen = lastSequence("sma-a");
        awaitGrowth("sma-b", 30);
        assertThat(lastSequence("sma-a")).as("a paused strategy records nothing").isEqualTo(frozen);

        HttpResponse<String> started = post("sma-a", "start", token.value());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(state("sma-a")).isEqualTo("RUNNING");
        awaitGrowth("sma-a", 10);

        HttpResponse<String> stopped = post("sma-a", "stop", token.value());
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(state("sma-a")).isEqualTo("STOPPED");
        String runA = strategy("sma-a").path("runId").asText();
        JsonNode run = JSON.readTree(get("/api/runs/" + runA).body());
        assertThat(run.toString()).contains("STOPPED: operator");
        awaitGrowth("sma-b", 10);
        long last = lastSequence("sma-a");
        awaitGrowth("sma-b", 30);
        assertThat(lastSequence("sma-a")).as("a stopped strategy records nothing").isEqualTo(last);
        assertThat(post("sma-a", "start", token.value()).statusCode()).isEqualTo(409);
        assertThat(post("nobody", "pause", token.value()).statusCode()).isEqualTo(404);

        server.close().await(10, TimeUnit.SECONDS);
        server = null;
        kernel.shutdown("test end");
        kernel = null;
        assertThat(store.run(runA).orElseThrow().status()).isEqualTo("STOPPED: operator");
        String runB = store.runs().stream().filter(r -> r.strategyId().equals("sma-b")).findFirst().orElseThrow()
                .runId();
        assertThat(store.run(runB).orElseThrow().status()).isEqualTo("STOPPED: test end");
    }

    @Test
    void the_live_stream_pushes_the_running_strategys_cycles_from_the_bus() throws Exception {
        start();
        String runB = strategy("sma-b").path("runId").asText();
        awaitGrowth("sma-b", 5);
        HttpRequest live = HttpRequest.newBuilder(URI.create(server.url() + "api/runs/" + runB + "/live?after=1"))
                .build();
        HttpResponse<Stream<String>> res = http.send(live, HttpResponse.BodyHandlers.ofLines());
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (Stream<String> lines = res.body()) {
            // from the history: the catch-up after cycle 1; then from the bus, in order, with no gap
            List<Long> ids = CompletableFuture.supplyAsync(() -> lines.filter(l -> l.startsWith("id: "))
                    .map(l -> Long.parseLong(l.substring(4))).limit(200).toList()).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo(i + 2L);
            }
        }
    }

    @Test
    void a_running_runs_trades_are_served_from_its_ledger_before_it_ends() throws Exception {
        start();
        String runB = strategy("sma-b").path("runId").asText();
        awaitTrue(() -> trades(runB).size() >= 2, "sma-b's trades so far are served");
        assertThat(JSON.readTree(get("/api/runs/" + runB).body()).path("status").asText()).isEqualTo("RUNNING");
        assertThat(store.trades(runB)).as("the history has a run's trades once it ends").isEmpty();
        JsonNode first = trades(runB).get(0);
        assertThat(first.path("symbol").asText()).isEqualTo("ORCL");
        assertThat(first.path("entryPrice").asDouble()).isPositive();
        assertThat(first.path("exitTs").asLong()).as("a closed round trip").isPositive();
    }

    private JsonNode trades(String runId) {
        try {
            HttpResponse<String> res = get("/api/runs/" + runId + "/trades");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            return JSON.readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void start() throws Exception {
        Path runFile = RunFiles.write(dir, SPEED);
        Path db = dir.resolve("data").resolve("stratagem");
        kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        store = JdbiHistoryStore.openFile(db);
        token = TokenStore.loadOrCreate(db.getParent());
        server = ConsoleServer.start(kernel.vertx(), ConsoleOptions.loopback(0),
                new ConsoleSources(store, new KernelControlPlane(kernel, store), List::of, kernel.plugins(),
                        kernel.vertx().eventBus()), token).await(30, TimeUnit.SECONDS);
    }

    private HttpResponse<String> post(String strategyId, String command, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "api/strategies/" + strategyId + "/"
                + command)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode strategy(String id) throws Exception {
        for (JsonNode s : JSON.readTree(get("/api/strategies").body())) {
            if (s.path("strategyId").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no strategy " + id + " in /api/strategies");
    }

    private String state(String id) throws Exception {
        return strategy(id).path("state").asText();
    }

    private long lastSequence(String id) throws Exception {
        return strategy(id).path("lastSequence").asLong();
    }

    private void awaitGrowth(String id, long by) throws Exception {
        long from = lastSequence(id);
        awaitTrue(() -> {
            try {
                return lastSequence(id) >= from + by;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, id + " grows by " + by + " cycles from " + from);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Await.until(condition, Duration.ofSeconds(30), what);
    }
}
