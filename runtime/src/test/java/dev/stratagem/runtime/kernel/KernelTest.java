package dev.stratagem.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.testing.RunFiles;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;
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
}
