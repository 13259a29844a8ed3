package dev.stratagem.runtime.web;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleStep;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.web.auth.TokenStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The console's speed check (not a unit test): records N cycles (default 1,000,000) in an H2 file, serves
 * the console on it and measures p50/p99 over HTTP of the cycle list under every filter at random pages, and
 * of the cycle detail. Run: {@code java -cp <test class path> dev.stratagem.runtime.web.ConsoleBench [cycles] [dir]}.
 */
public final class ConsoleBench {

    private ConsoleBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("console-bench");
        Path db = dir.resolve("bench");
        String run = "bench-run";
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            if (store.run(run).isEmpty()) {
                long t0 = System.nanoTime();
                store.startRun(new RunInfo(run, "bench", "backtest", 0, "{\"capital\":100000}", "synthetic"));
                CycleRecord template = BenchCycles.template(run);
                List<CycleRecord> batch = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    CycleStatus status = i % 100 == 0 ? CycleStatus.TRADED : i % 250 == 3 ? CycleStatus.REJECTED
                            : i % 1000 == 7 ? CycleStatus.FAILED : CycleStatus.IDLE;
                    batch.add(new CycleRecord(run + "-" + i, run, "bench", i, 946684800000L + i * 60_000L, status,
                            template.versions(), template.context(), template.decision(), template.verdicts(),
                            List.of(), List.of(), template.portfolioAfter(), template.timings(),
                            status == CycleStatus.FAILED ? new CycleError(CycleStep.DECISION, "boom", "X") : null));
                    if (batch.size() == 20_000) {
                        store.writeCycles(batch);
                        batch.clear();
                    }
                }
                store.writeCycles(batch);
                System.out.printf(Locale.ROOT, "recorded %d cycles in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            }
            Vertx vertx = Vertx.vertx();
            ConsoleServer server = ConsoleServer.start(vertx, ConsoleOptions.loopback(0),
                    new ConsoleSources(store, HistoryControlPlane.over(store), List::of),
                    TokenStore.loadOrCreate(dir)).await(30, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newHttpClient();
            Random random = new Random(42);
            String base = server.url() + "api/runs/" + run + "/cycles?limit=50";
            String[] filters = {"", "&status=traded", "&status=rejected", "&status=error",
                    "&component=bench-composer@1.0.0", "&from=2000-06-01&to=2000-06-30", "&q=" + run + "-5000"};
            for (String f : filters) {
                measure(http, "list" + (f.isEmpty() ? " (no filter)" : " " + f), () -> base + f
                        + "&after=" + random.nextInt(n));
            }
            measure(http, "detail", () -> server.url() + "api/cycles/" + run + "-" + (1 + random.nextInt(n)));
            measure(http, "first page (index.html)", () -> server.url());
            measure(http, "first page data (/api/strategies)", () -> server.url() + "api/strategies");
            measure(http, "first page data (/api/runs)", () -> server.url() + "api/runs");
            measure(http, "run page equity (500 points)", () -> server.url() + "api/runs/" + run + "/equity", 5, 20);
            server.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void measure(HttpClient http, String label, java.util.function.Supplier<String> url) throws Exception {
        measure(http, label, url, 50, 500);
    }

    private static void measure(HttpClient http, String label, java.util.function.Supplier<String> url, int warmUp,
            int requests) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            http.send(HttpRequest.newBuilder(URI.create(url.get())).build(), HttpResponse.BodyHandlers.discarding());
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.get())).build(),
                    HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(label + ": HTTP " + r.statusCode() + " " + r.body());
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "| %-45s | %8.2f | %8.2f |%n", label, nanos[requests / 2] / 1e6,
                nanos[(int) Math.ceil(requests * 0.99) - 1] / 1e6);
    }
}
