package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.backtest.RunIds;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.kernel.LocalRecordCodec;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.plugin.PluginCatalog;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Paper-mode cycle latency, measured the way the kernel moves a bar: published on the Vert.x bus by an
 * event-loop verticle, run by a worker verticle through the full decision cycle, the record handed to the
 * H2 history writer (which commits in batches off-thread, as in the kernel). Latency = from just before
 * the bar is sent to just after the record is handed over; the first {@code warmup} bars are not counted.
 * (The kernel's own verticles are not public, so this mirrors StrategyVerticle's per-bar path.)
 */
final class PaperLatencyWorkload {

    private PaperLatencyWorkload() {}

    record Tick(Candle bar, long sentNanos) {}

    /** @return per-bar latencies in microseconds after warm-up */
    static Samples run(Path strategy, PluginCatalog catalog, List<Candle> bars, int warmup, Path db) throws Exception {
        String runId = RunIds.next("bench");
        CycleCoordinator coordinator = BenchStrategy.coordinator(strategy, catalog, runId);
        long[] latencies = new long[bars.size()];
        Vertx vertx = Vertx.vertx();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            store.startRun(new RunInfo(runId, coordinator.info().strategyId(), "paper", System.currentTimeMillis(),
                    "{}", "bench"));
            HistoryWriter history = new HistoryWriter(store);
            LocalRecordCodec.install(vertx.eventBus()); // the kernel's codec: records by reference
            CompletableFuture<Void> done = new CompletableFuture<>();
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public io.vertx.core.Future<?> start() {
                    return vertx.eventBus().<Tick>consumer("bench.candle", m -> {
                        CycleRecord record = coordinator.runCycle(List.of(m.body().bar()));
                        history.submit(record);
                        latencies[(int) record.sequence() - 1] = System.nanoTime() - m.body().sentNanos();
                        m.reply(record.sequence());
                    }).completion();
                }
            }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                    .await(30, TimeUnit.SECONDS);
            vertx.deployVerticle(new VerticleBase() {
                private int next;

                @Override
                public io.vertx.core.Future<?> start() {
                    vertx.runOnContext(v -> send());
                    return io.vertx.core.Future.succeededFuture();
                }

                private void send() {
                    if (next == bars.size()) {
                        done.complete(null);
                        return;
                    }
                    vertx.eventBus().request("bench.candle", new Tick(bars.get(next++), System.nanoTime()))
                            .onSuccess(r -> send()).onFailure(done::completeExceptionally);
                }
            }).await(30, TimeUnit.SECONDS);
            done.get(10, TimeUnit.MINUTES);
            history.close();
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        List<Double> micros = new ArrayList<>();
        for (int i = warmup; i < latencies.length; i++) {
            micros.add(latencies[i] / 1e3);
        }
        return new Samples(micros.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
