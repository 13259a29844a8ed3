package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import dev.stratagem.runtime.risk.FlattenComposer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real kernel (Vert.x, worker verticles, the bus feed, the H2 history writer) with two strategies,
 * each with its own capital, on the ORCL replay, and checks that every cycle of both was recorded in order.
 */
class KernelTest {

    @TempDir
    Path tmp;

    @Test
    void two_strategies_paper_trade_side_by_side_and_every_cycle_is_recorded() throws Exception {
        Path runFile = RunFiles.write(tmp, 0);
        Path db = tmp.resolve("history");

        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), db);
        long bars = kernel.feedFinished().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        kernel.shutdown("feed finished");

        assertThat(bars).isEqualTo(5036);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            List<RunRow> runs = store.runs();
            assertThat(runs).extracting(RunRow::strategyId).containsExactlyInAnyOrder("sma-a", "sma-b");
            for (RunRow run : runs) {
                assertThat(store.cycleCount(run.runId())).as(run.strategyId()).isEqualTo(bars);
                List<CycleRow> cycles = store.cycles(run.runId(), 100_000);
                for (int i = 0; i < cycles.size(); i++) {
                    assertThat(cycles.get(i).sequence()).isEqualTo(i + 1);
                }
                assertThat(run.status()).isEqualTo("STOPPED: feed finished");
            }
            RunRow a = runs.stream().filter(r -> r.strategyId().equals("sma-a")).findFirst().orElseThrow();
            RunRow b = runs.stream().filter(r -> r.strategyId().equals("sma-b")).findFirst().orElseThrow();
            assertThat(a.trades()).isEqualTo(97);
            assertThat(b.finalEquity()).isNotEqualByComparingTo(a.finalEquity());
        }
    }

    @Test
    void a_stopped_strategy_leaves_the_running_components_that_metrics_collect() throws Exception {
        List<String> rows = Files.readAllLines(dev.stratagem.runtime.testing.TestPaths.data().resolve("orcl-1995-2014.txt"));
        Files.write(tmp.resolve("orcl.txt"), rows.subList(0, 61));
        for (String id : List.of("sma-a", "sma-b")) {
            Files.writeString(tmp.resolve(id + ".yaml"), """
                    id: %s
                    symbols: [ORCL]
                    capital: 100000
                    features: { id: indicators, params: { features: "close, sma_5, sma_20" } }
                    composer: { id: sma-crossover, params: { fast: 5, slow: 20, quantity: 100 } }
                    gateway: { id: paper }
                    """.formatted(id));
        }
        Path runFile = tmp.resolve("run.yaml");
        Files.writeString(runFile, """
                mode: paper
                speed: 0
                feed: [{ file: orcl.txt, symbol: ORCL }]
                strategies: [sma-a.yaml, sma-b.yaml]
                settings:
                  ops: { http: { enabled: false } }
                """);
        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), tmp.resolve("h"),
                new KernelOptions(Map.of(), Map.of(), false));
        try {
            kernel.feedFinished().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(kernel.runningComponents()).containsOnlyKeys("sma-a", "sma-b");
            // what ran the cycles, risk wrapping included (metrics unwrap it to reach the strategy's own composer)
            assertThat(kernel.runningComponents().get("sma-a").composer()).isInstanceOf(FlattenComposer.class);

            kernel.stop("sma-a");
            assertThat(kernel.runningComponents()).containsOnlyKeys("sma-b");
        } finally {
            kernel.shutdown("test over");
        }
        assertThat(kernel.runningComponents()).isEmpty();
    }
}
