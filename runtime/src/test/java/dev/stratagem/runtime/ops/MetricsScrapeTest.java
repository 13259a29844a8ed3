package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.KernelOptions;
import dev.stratagem.runtime.testing.TestPaths;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short paper run of the real kernel, then a scrape of its {@code /metrics}: every metric the operations
 * issue lists is there (cycle latency per strategy and step, cycles, guardrail rejections by reason, breaker
 * states, kill switch, reloads, queue depth, equity and exposure), and {@code /portfolio} sums the sleeves.
 */
class MetricsScrapeTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void a_short_paper_run_exposes_every_listed_metric() throws Exception {
        List<String> rows = Files.readAllLines(TestPaths.data().resolve("orcl-1995-2014.txt"));
        Files.write(tmp.resolve("orcl.txt"), rows.subList(0, 301));
        Files.writeString(tmp.resolve("a.yaml"), """
                id: sma-a
                symbols: [ORCL]
                capital: 100000
                features: { id: indicators, params: { features: "close, sma_5, sma_20" } }
                composer: { id: sma-crossover, params: { fast: 5, slow: 20, quantity: 100 } }
                gateway: { id: paper }
                """);
        Path runFile = tmp.resolve("run.yaml");
        Files.writeString(runFile, """
                mode: paper
                speed: 0
                feed: [{ file: orcl.txt, symbol: ORCL }]
                strategies: [a.yaml]
                settings:
                  ops: { http: { port: 0 } }
                  risk: { portfolio: { maxGrossExposure: 1 } }
                """);
        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), tmp.resolve("h"),
                new KernelOptions(Map.of(), Map.of(), false));
        try {
            long bars = kernel.feedFinished().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(bars).isEqualTo(300);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String scrape = get(kernel.opsPort(), "/metrics");
            while (!scrape.contains("stratagem_cycles_total{strategy=\"sma-a\"} 300.0") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                scrape = get(kernel.opsPort(), "/metrics");
            }
            assertThat(scrape).contains(
                    "stratagem_cycles_total{strategy=\"sma-a\"} 300.0",
                    "stratagem_cycle_latency_seconds_bucket{step=\"FEATURES\",strategy=\"sma-a\"",
                    "stratagem_cycle_latency_seconds_count{step=\"TOTAL\",strategy=\"sma-a\"} 300",
                    "stratagem_guardrail_rejections_total{reason=\"portfolio-limits\",strategy=\"sma-a\"}",
                    "stratagem_breaker_state{scope=\"sma-a\"} 0.0",
                    "stratagem_breaker_state{scope=\"portfolio\"} 0.0",
                    "stratagem_kill_switch_active 0.0",
                    "stratagem_reloads_total{outcome=\"SWAPPED\",plugin=\"rules\"} 0.0",
                    "stratagem_history_queue_depth",
                    "stratagem_equity{strategy=\"sma-a\"}",
                    "stratagem_gross_exposure{strategy=\"sma-a\"}",
                    "stratagem_net_exposure{strategy=\"sma-a\"}",
                    "stratagem_portfolio_equity");
            JsonObject portfolio = new JsonObject(get(kernel.opsPort(), "/portfolio"));
            assertThat(portfolio.getDouble("totalEquity")).isEqualTo(100_000.0);
            assertThat(portfolio.getDouble("grossExposure")).as("every buy rejected").isZero();
            assertThat(portfolio.getJsonArray("sleeves").getJsonObject(0).getString("strategy")).isEqualTo("sma-a");
        } finally {
            kernel.shutdown("test done");
        }
    }
}
