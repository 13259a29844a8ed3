package dev.stratagem.runtime.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example under scripts/ backtests on ORCL without a failed cycle, and the two languages agree. */
class ScriptExamplesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sma-crossover     | close, sma_10, sma_30",
        "rsi-reversion     | close, rsi_14",
        "donchian-breakout | close, donchian_high_20, donchian_low_10",
        "stateful-counter  | close"})
    void the_js_and_python_examples_trade_and_agree(String example, String features) {
        BacktestResult js = backtest(ScriptStrategies.strategy(tmp, "js/" + example, features));
        BacktestResult python = backtest(ScriptStrategies.strategy(tmp, "python/" + example, features));
        assertThat(js.failedCycles()).isZero();
        assertThat(python.failedCycles()).isZero();
        assertThat(js.closedTrades()).isPositive();
        assertThat(python.resultDigest()).isEqualTo(js.resultDigest());
    }

    private static BacktestResult backtest(Path strategy) {
        return BacktestRunner.run(new BacktestRequest(strategy, List.of(ScriptStrategies.orcl()), null, null, null,
                null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null));
    }
}
