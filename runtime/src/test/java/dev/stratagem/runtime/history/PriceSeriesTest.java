package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price chart's series from recorded features: candles when open/high/low were recorded, else the close line. */
class PriceSeriesTest {

    @TempDir
    Path dir;

    @Test
    void a_run_without_open_high_low_features_gets_the_close_line_and_a_note_saying_why() throws Exception {
        Path strategy = dir.resolve("close-only.yaml");
        Files.writeString(strategy, Files.readString(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"))
                .replace("features: close, open, high, low, sma_10, sma_30", "features: close, sma_10, sma_30"));
        Path db = dir.resolve("data").resolve("stratagem");
        BacktestResult run = BacktestRunner.run(new BacktestRequest(strategy,
                List.of(TestPaths.data().resolve("orcl-1995-2014.txt")), null, null, null, null, null,
                RecordLevel.ALL, false, TestPaths.plugins(), db));
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            PriceSeries prices = store.priceSeries(run.runId(), "close", 100);
            assertThat(prices.candles()).isFalse();
            assertThat(prices.note()).contains("no open, high and low features");
            assertThat(prices.symbol()).isEqualTo("ORCL");
            assertThat(prices.points()).hasSizeBetween(90, 100).allSatisfy(p -> {
                assertThat(p.value()).isPositive();
                assertThat(p.open()).isNull();
                assertThat(p.close()).isNull();
            });
        }
    }
}
