package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMA 10/30 crossover as the Java plugin, in JavaScript and in Python: identical trade lists, result
 * digests and per-cycle instructions on ORCL 1995-2014, so the golden list holds for the scripts too.
 */
class ScriptParityTest {

    @TempDir
    Path tmp;

    @Test
    void java_js_and_python_sma_crossovers_trade_identically_on_orcl() {
        Path java = TestPaths.strategies().resolve("sma-crossover-orcl.yaml");
        Path js = ScriptStrategies.strategy(tmp, "js/sma-crossover", "close, sma_10, sma_30");
        Path python = ScriptStrategies.strategy(tmp, "python/sma-crossover", "close, sma_10, sma_30");

        BacktestResult expected = backtest(java);
        assertThat(expected.trades()).hasSize(98);
        for (Path script : List.of(js, python)) {
            BacktestResult actual = backtest(script);
            assertThat(actual.failedCycles()).as(script.toString()).isZero();
            assertThat(trades(actual)).as(script + " trades").isEqualTo(trades(expected));
            assertThat(actual.finalEquity()).as(script + " equity").isEqualByComparingTo(expected.finalEquity());
            assertThat(actual.resultDigest()).as(script + " digest").isEqualTo(expected.resultDigest());
        }

        ScriptCatalog scripts = ScriptCatalog.defaults();
        List<List<TradeInstruction>> javaCycles = instructions(java, scripts);
        assertThat(instructions(js, scripts)).isEqualTo(javaCycles);
        assertThat(instructions(python, scripts)).isEqualTo(javaCycles);
    }

    private List<List<TradeInstruction>> instructions(Path strategy, ScriptCatalog scripts) {
        return ScriptStrategies.allCycles(strategy, scripts).stream()
                .peek(c -> assertThat(c.status()).as(c.composeId()).isNotEqualTo(CycleStatus.FAILED))
                .map(CycleRecord::decision)
                .map(d -> d == null ? List.<TradeInstruction>of() : d.instructions())
                .toList();
    }

    /** The trades without the run id and strategy id that every run names differently. */
    private static List<String> trades(BacktestResult result) {
        return result.trades().stream().map(t -> t.quantity() + " " + t.entryTs() + " " + t.entryPrice() + " "
                + t.exitTs() + " " + t.exitPrice() + " " + t.realizedPnl() + " " + t.fees() + " "
                + t.entryInstructionId().substring(result.runId().length()) + " "
                + (t.exitInstructionId().isEmpty() ? "" : t.exitInstructionId().substring(result.runId().length())))
                .toList();
    }

    private static BacktestResult backtest(Path strategy) {
        return BacktestRunner.run(new BacktestRequest(strategy, List.of(ScriptStrategies.orcl()), null, null, null,
                null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null));
    }
}
