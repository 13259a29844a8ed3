package dev.stratagem.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.kernel.KernelOptions;
import dev.stratagem.runtime.testing.TestPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example LLM strategy paper-trading in the real kernel against a fake chat-completions server: in paper
 * mode (mode auto) it calls the model, and the shared request queue's counters reach the kernel's Prometheus
 * {@code /metrics}, tagged with the endpoint, equal to the calls the server received.
 */
class LlmPaperMetricsTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_paper_run_calls_the_model_and_exports_the_queue_metrics() throws Exception {
        List<String> rows = Files.readAllLines(TestPaths.data().resolve("orcl-1995-2014.txt"));
        Files.write(tmp.resolve("orcl.txt"), rows.subList(0, 81));
        try (var model = new FakeChatCompletionsServer(LlmStrategyBacktestTest::momentumModel)) {
            Files.writeString(tmp.resolve("llm.yaml"), Files.readString(TestPaths.strategies().resolve("llm-momentum.yaml"))
                    .replace("baseUrl: http://127.0.0.1:8080/v1", "baseUrl: " + model.baseUrl())
                    .replace("requestsPerMinute: 60", "requestsPerMinute: 1000000")
                    .replace("recordings: recordings", "recordings: " + tmp.resolve("recordings")));
            Path runFile = tmp.resolve("run.yaml");
            Files.writeString(runFile, """
                    mode: paper
                    speed: 0
                    feed: [{ file: orcl.txt, symbol: ORCL }]
                    strategies: [llm.yaml]
                    settings:
                      ops: { http: { port: 0 } }
                    """);
            Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), tmp.resolve("h"),
                    new KernelOptions(Map.of(), Map.of(), false));
            try {
                assertThat(kernel.feedFinished().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS))
                        .isEqualTo(80);
                int calls = model.received().size();
                assertThat(calls).as("paper mode asks the model").isGreaterThan(40);
                String queue = "{outcome=\"completed\",queue=\"" + model.baseUrl() + "\"}";
                String scrape = get(kernel.opsPort());
                assertThat(value(scrape, "stratagem_llm_queue_requests_total" + queue)).isEqualTo(calls);
                String q = "{queue=\"" + model.baseUrl() + "\"}";
                assertThat(value(scrape, "stratagem_llm_queue_submitted_total" + q)).isEqualTo(calls);
                assertThat(value(scrape, "stratagem_llm_queue_tokens_total" + q)).isEqualTo(120.0 * calls);
                assertThat(value(scrape, "stratagem_llm_queue_depth" + q)).isZero();
                assertThat(value(scrape, "stratagem_llm_queue_in_flight" + q)).isZero();
                assertThat(value(scrape, "stratagem_llm_queue_http_429_total" + q)).isZero();
                assertThat(value(scrape, "stratagem_llm_queue_latency_seconds_total" + q)).isPositive();
                assertThat(Files.readAllLines(tmp.resolve("recordings").resolve("llm-momentum.jsonl")))
                        .as("recorded for a later backtest").hasSize(calls);
            } finally {
                kernel.shutdown("test done");
            }
        }
    }

    private String get(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(series + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
