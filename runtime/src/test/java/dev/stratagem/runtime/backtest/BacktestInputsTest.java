package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backtest takes besides its strategy file: the environment's settings, and one data file a symbol. */
class BacktestInputsTest {

    @TempDir
    Path tmp;

    @Test
    void the_environment_overrides_the_strategy_files_settings_as_for_a_paper_run() {
        try (PluginCatalog catalog = PluginCatalog.load(TestPaths.plugins())) {
            BacktestRequest request = GoldenSmaCrossoverTest.request(RecordLevel.SUMMARY, null);
            assertThat(BacktestRunner.run(request, catalog, Map.of()).closedTrades()).isEqualTo(97);

            BacktestResult tight = BacktestRunner.run(request, catalog,
                    Map.of("STRATAGEM_RISK_STRATEGY_DRAWDOWN_REDUCE", "0.01"));
            assertThat(tight.closedTrades()).as("a 1% drawdown breaker").isLessThan(97);

            assertThatThrownBy(() -> BacktestRunner.run(request, catalog, Map.of("STRATAGEM_RISK_VAR_MAXFRACTION", "abc")))
                    .hasMessageContaining("environment variable STRATAGEM_RISK_VAR_MAXFRACTION");
        }
    }

    @Test
    void two_data_files_of_one_symbol_are_refused_naming_both() throws IOException {
        Path orcl = TestPaths.data().resolve("orcl-1995-2014.txt");
        Path copy = Files.createDirectories(tmp.resolve("other")).resolve("orcl-1995-2014.txt");
        Files.copy(orcl, copy);
        BacktestRequest request = new BacktestRequest(TestPaths.strategies().resolve("sma-crossover-orcl.yaml"),
                List.of(orcl, copy), null, null, null, null, null, RecordLevel.SUMMARY, false, TestPaths.plugins(), null);
        assertThatThrownBy(() -> BacktestRunner.run(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(orcl.toString()).hasMessageContaining(copy.toString()).hasMessageContaining("ORCL");
    }
}
