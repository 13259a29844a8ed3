package dev.stratagem.runtime.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.JdbiHistoryStore;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The example LLM strategy paper-trading in the real kernel against a fake chat-completions server: in paper
 * mode (mode auto) it calls the model, and the shared request queue's counters reach the kernel's Prometheus
 * {@code /metrics}, tagged with the endpoint, equal to the calls the server received and to the journal
 * lines. Once 50 cycles reached the composer, hot reload warms its path by loading the plugin aside and
 * replaying those cycles through a fresh composer: the replay is answered from the journal, so the server
 * is asked once per decided cycle at most and never twice for the same context.
 */
class LlmPaperMetricsTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_paper_run_calls_the_model_and_exports_the_queue_metrics() throws Exception {
        List<String> rows = Files.readAllLines(TestPaths.data().resolve("orcl-1995-2014.txt"));
        Files.write(tmp.resolve("orcl.txt"), rows.subList(0, 81));
        WarmUpWatch warmUp = WarmUpWatch.attach("llm-momentum");
        int calls;
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
                warmUp.warmed().get(60, TimeUnit.SECONDS); // the aside copy replayed the ring of 50 contexts
                assertThat(warmUp.failures()).as("warm-up replay").isEmpty();
                calls = model.received().size();
                assertThat(calls).as("paper mode asks the model").isGreaterThan(40);
                List<String> prompts = model.received().stream()
                        .map(r -> r.path("messages").get(1).path("content").asText()).toList();
                assertThat(Set.copyOf(prompts)).as("no decided context is asked again (warm-up replay)").hasSize(calls);
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
                warmUp.detach();
            }
            assertThat(model.received()).as("nothing asked after the feed ended, unloads included").hasSize(calls);
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("h"))) {
            String runId = store.runs().getFirst().runId();
            long decided = store.cycles(runId, 100_000).stream().filter(c -> c.status() != CycleStatus.WARMUP).count();
            assertThat(decided).as("cycles that reached the composer").isEqualTo(61);
            assertThat(calls).as("at most one call per cycle that reached the composer").isLessThanOrEqualTo((int) decided);
        }
    }

    /** Hot reload's warm-up of a strategy, seen in the reload thread's debug log. */
    private static final class WarmUpWatch extends AppenderBase<ILoggingEvent> {
        private final Logger logger = (Logger) LoggerFactory.getLogger(
                "dev.stratagem.runtime.plugin.reload.Reloader");
        private final Level level = logger.getLevel();
        private final String strategyId;
        private final CompletableFuture<Void> warmed = new CompletableFuture<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();

        private WarmUpWatch(String strategyId) {
            this.strategyId = strategyId;
        }

        static WarmUpWatch attach(String strategyId) {
            WarmUpWatch w = new WarmUpWatch(strategyId);
            w.start();
            w.logger.addAppender(w);
            w.logger.setLevel(Level.DEBUG);
            return w;
        }

        @Override
        protected void append(ILoggingEvent e) {
            String m = e.getFormattedMessage();
            if (m.startsWith("warming the reload path of ") && m.contains(" on " + strategyId + " failed")) {
                failures.add(m);
            } else if (m.startsWith("reload path of " + strategyId + " warmed")) {
                warmed.complete(null);
            }
        }

        CompletableFuture<Void> warmed() {
            return warmed;
        }

        List<String> failures() {
            return failures;
        }

        void detach() {
            logger.detachAppender(this);
            logger.setLevel(level);
            stop();
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
