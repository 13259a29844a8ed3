package dev.stratagem.runtime.determinism;

import static dev.stratagem.runtime.determinism.DeterminismFixtures.ORCL_SMA_DIGEST;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.orcl;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.request;
import static dev.stratagem.runtime.determinism.DeterminismFixtures.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import dev.stratagem.api.VerdictOutcome;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.backtest.ResultDigest;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.CycleRow;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunRow;
import dev.stratagem.runtime.kernel.Kernel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same strategy on the same data gives the same cycles whether the backtest loop drives it directly or
 * the kernel replays the bars over the Vert.x bus in paper mode: per cycle the status, the features, the
 * decision, the verdicts, the executions and the portfolio after are equal (ids, run ids and timings aside),
 * and the digest computed from the bus run's recorded cycles is the backtest's.
 */
class BusReplayParityTest {

    @TempDir
    Path tmp;

    @Test
    void the_bus_driven_paper_replay_records_the_backtests_cycles_and_digest() throws Exception {
        Path backtestDb = tmp.resolve("backtest");
        BacktestResult backtest = BacktestRunner.run(request(orcl(), RecordLevel.ALL, backtestDb));
        assertThat(backtest.resultDigest()).isEqualTo(ORCL_SMA_DIGEST);
        List<CycleRecord> direct = recorded(backtestDb);
        assertThat(direct).hasSize((int) backtest.cycles());
        assertThat(ResultDigest.of(direct)).as("digest recomputed from the recorded backtest")
                .isEqualTo(ORCL_SMA_DIGEST);

        Path runFile = tmp.resolve("run.yaml");
        Files.writeString(runFile, """
                mode: paper
                speed: 0
                feed:
                  - file: %s
                    symbol: ORCL
                strategies: ["%s"]
                """.formatted(orcl(), strategy()));
        Path busDb = tmp.resolve("bus");
        Kernel kernel = Kernel.start(runFile, RunConfig.load(runFile), TestPaths.plugins(), busDb);
        long bars = kernel.feedFinished().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        kernel.shutdown("feed finished");
        assertThat(bars).isEqualTo(backtest.bars());
        List<CycleRecord> bus = recorded(busDb);

        assertThat(bus).hasSameSizeAs(direct);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(Comparable.of(bus.get(i))).as("cycle %d", i + 1).isEqualTo(Comparable.of(direct.get(i)));
        }
        assertThat(ResultDigest.of(bus)).isEqualTo(ORCL_SMA_DIGEST);
        assertThat(direct.stream().filter(c -> c.status() == CycleStatus.TRADED).count()).isEqualTo(195);
    }

    private static List<CycleRecord> recorded(Path db) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            List<RunRow> runs = store.runs();
            assertThat(runs).hasSize(1);
            return store.cycles(runs.getFirst().runId(), Integer.MAX_VALUE).stream()
                    .map(CycleRow::composeId).map(id -> store.cycle(id).orElseThrow()).toList();
        }
    }

    /** What a cycle did, without its ids, run id and timings. */
    private record Comparable(long sequence, long ts, CycleStatus status, List<FeatureVector> features,
            PortfolioView before, List<TradeInstruction> decision, String rationale, List<Verdict> verdicts,
            List<Execution> executions, PortfolioView after) {

        static Comparable of(CycleRecord c) {
            return new Comparable(c.sequence(), c.ts(), c.status(),
                    c.context() == null ? null : c.context().features(),
                    c.context() == null ? null : c.context().portfolio(),
                    c.decision() == null ? null : c.decision().instructions(),
                    c.decision() == null ? null : c.decision().rationale(),
                    c.verdicts().stream().map(Verdict::of).toList(),
                    c.txResults().stream().map(Execution::of).toList(),
                    c.portfolioAfter());
        }
    }

    private record Verdict(String check, VerdictOutcome outcome, double before, double after, String reason) {
        static Verdict of(GuardrailVerdict v) {
            return new Verdict(v.check(), v.outcome(), v.quantityBefore(), v.quantityAfter(), v.reason());
        }
    }

    private record Execution(String symbol, Side side, TxStatus status, double quantity, double price, double fee,
            long ts, String reason) {
        static Execution of(TxResult t) {
            return new Execution(t.symbol(), t.side(), t.status(), t.filledQuantity(), t.fillPrice(), t.fee(), t.ts(),
                    t.reason());
        }
    }
}
