package dev.stratagem.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.MetricsSink;
import dev.stratagem.api.MetricsSource;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.risk.FlattenComposer;
import dev.stratagem.runtime.risk.Guardrails;
import dev.stratagem.runtime.testing.CloseOnlyPipeline;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskSettings;
import dev.stratagem.runtime.strategy.RiskWiring;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two strategies run real cycles with a composer that reports metrics (its own count and a queue both
 * share), wrapped by the risk wiring as the kernel wraps it; {@code /metrics} of a real ops server is scraped
 * over HTTP while the set of running strategies changes as the kernel's does when one stops.
 */
class ComponentMetricsTest {

    private static final long DAY = 86_400_000L;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();
    private final KillSwitch killSwitch = new KillSwitch(null);
    private final RiskEngine engine = new RiskEngine(RiskSettings.NONE, killSwitch, null);
    private final RuntimeMetrics metrics = new RuntimeMetrics(engine, () -> 0);
    /** What the kernel's {@code runningComponents()} would answer: a stopped strategy leaves it. */
    private final Map<String, StrategyComponents> running = new ConcurrentHashMap<>();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void serves_each_strategys_own_series_and_a_shared_series_once_until_the_strategies_stop() throws Exception {
        metrics.collectComponents(() -> Map.copyOf(running));
        ProbeQueue queue = new ProbeQueue();
        CycleCoordinator a = start("a", new ProbeComposer(queue), List.of());
        CycleCoordinator b = start("b", new ProbeComposer(queue), List.of(new BrokenListener()));
        cycles(a, 3);
        cycles(b, 2);
        queue.depth.set(4);

        try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, metrics, engine, () -> true, "")) {
            String scrape = scrape(server.port());
            assertThat(scrape).contains(
                    "# HELP probe_composes_total decisions this composer made",
                    "# TYPE probe_composes_total counter",
                    "probe_composes_total{strategy=\"a\"} 3.0",
                    "probe_composes_total{strategy=\"b\"} 2.0",
                    "# TYPE probe_queue_depth gauge",
                    "probe_queue_depth{queue=\"q1\"} 4.0",
                    "stratagem_metrics_collect_failures_total{component=\"broken\",strategy=\"b\"} 1.0",
                    "stratagem_cycles_total{strategy=\"a\"} 3.0");
            // reported by both strategies, exposed once with the queue's own total (3 + 2 calls), not summed
            assertThat(lines(scrape, "probe_queue_calls_total{")).containsExactly("probe_queue_calls_total{queue=\"q1\"} 5.0");

            cycles(a, 1);
            assertThat(scrape(server.port())).contains("probe_composes_total{strategy=\"a\"} 4.0",
                    "probe_queue_calls_total{queue=\"q1\"} 6.0");

            running.remove("b"); // stopped
            String afterB = scrape(server.port());
            assertThat(afterB).doesNotContain("probe_composes_total{strategy=\"b\"}")
                    .contains("probe_composes_total{strategy=\"a\"} 4.0", "probe_queue_calls_total{queue=\"q1\"} 6.0");

            running.remove("a");
            String afterA = scrape(server.port());
            assertThat(afterA).doesNotContain("probe_composes_total", "probe_queue_calls_total", "probe_queue_depth")
                    .contains("stratagem_kill_switch_active 0.0");

            running.put("a", a.components()); // a strategy that starts again reports again
            assertThat(scrape(server.port())).contains("probe_composes_total{strategy=\"a\"} 4.0");
        }
    }

    @Test
    void a_sample_that_clashes_with_an_earlier_one_or_with_a_runtime_metric_is_dropped_and_counted() throws Exception {
        metrics.collectComponents(() -> Map.copyOf(running));
        MetricsSource clashing = sink -> {
            sink.gauge("probe_value", "a gauge", Map.of(), 1);
            sink.counter("probe_calls_total", "fine", Map.of(), 2);
            sink.counter("probe_value_total", "the same family as the gauge probe_value", Map.of(), 6);
            sink.shared().gauge("probe_value", "same name, other tags", Map.of("extra", "x"), 3);
            sink.shared().gauge("probe_value", "same name, no strategy tag", Map.of(), 7);
            sink.counter("stratagem_cycles_total", "taken by the runtime", Map.of(), 4);
            sink.gauge("stratagem_cycle_latency_seconds", "taken by the runtime's timer", Map.of(), 5);
        };
        start("a", new ProbeComposer(new ProbeQueue()), List.of(new SourceListener(clashing)));

        try (OpsServer server = OpsServer.start(vertx, "127.0.0.1", 0, metrics, engine, () -> true, "")) {
            String scrape = scrape(server.port());
            assertThat(lines(scrape, "probe_value{")).containsExactly("probe_value{strategy=\"a\"} 1.0");
            assertThat(scrape).contains("probe_calls_total{strategy=\"a\"} 2.0",
                    "stratagem_metrics_collect_failures_total{component=\"source\",strategy=\"a\"} 5.0")
                    .doesNotContain("probe_value{extra=", "probe_value 7.0", "probe_value_total", "stratagem_cycles_total{strategy=\"a\"} 4.0",
                            "stratagem_cycle_latency_seconds{strategy=\"a\"} 5.0");
        }
    }

    private CycleCoordinator start(String id, DecisionComposer composer, List<StrategyListener> listeners) {
        engine.register(id, "run-" + id, 100_000);
        StrategyComponents base = new StrategyComponents(new CloseOnlyPipeline(), composer, new NoGateway(),
                Guardrails.defaults(), listeners,
                List.of(new ComponentVersion("composer", composer.id(), "builtin", "builtin", "")));
        StrategyComponents wrapped = RiskWiring.wrap(base, id, engine, List.of(metrics.listenerFor(id)), null);
        assertThat(wrapped.composer()).isInstanceOf(FlattenComposer.class); // the source is found inside the wrapper
        CycleCoordinator c = new CycleCoordinator(new StrategyInfo(id, "run-" + id, "paper", List.of("ACME")), wrapped,
                new LedgerPortfolio(id, new BigDecimal("100000"), Constraints.NONE), new DigestTracker(252),
                Map.of("ACME", Instrument.of("ACME")), 16, Duration.ofSeconds(1));
        running.put(id, c.components());
        return c;
    }

    private static void cycles(CycleCoordinator c, int n) {
        long start = c.sequence();
        for (long day = start + 1; day <= start + n; day++) {
            c.runCycle(List.of(new Candle("ACME", day * DAY, 100, 110, 90, 100, 1000)));
        }
    }

    private String scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static List<String> lines(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** Something several strategies share, like the LLM plugin's request queue. */
    private static final class ProbeQueue {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong depth = new AtomicLong();
    }

    /** Counts its decisions (its own series) and calls the shared queue (a shared series). */
    private static final class ProbeComposer implements DecisionComposer, MetricsSource {
        private final ProbeQueue queue;
        private final AtomicLong composes = new AtomicLong();

        ProbeComposer(ProbeQueue queue) {
            this.queue = queue;
        }

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public ComposeResult compose(ComposeContext context) {
            composes.incrementAndGet();
            queue.calls.incrementAndGet();
            return ComposeResult.noop("probing");
        }

        // tag::collect[]
        @Override
        public void collect(MetricsSink sink) {
            sink.counter("probe_composes_total", "decisions this composer made", Map.of(), composes.get());
            MetricsSink shared = sink.shared();
            shared.counter("probe_queue_calls_total", "calls through the shared queue", Map.of("queue", "q1"),
                    queue.calls.get());
            shared.gauge("probe_queue_depth", "calls waiting in the shared queue", Map.of("queue", "q1"),
                    queue.depth.get());
        }
// end::collect[]
    }

    /** A listener whose metrics code is broken: skipped and counted, nothing else disturbed. */
    private static final class BrokenListener implements StrategyListener, MetricsSource {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public void collect(MetricsSink sink) {
            throw new IllegalStateException("metrics bug");
        }
    }

    /** A listener reporting what a given source reports. */
    private record SourceListener(MetricsSource source) implements StrategyListener, MetricsSource {
        @Override
        public String id() {
            return "source";
        }

        @Override
        public void collect(MetricsSink sink) {
            source.collect(sink);
        }
    }

    private static final class NoGateway implements ExecutionGateway {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market) {
            return CompletableFuture.completedFuture(List.of());
        }
    }
}
