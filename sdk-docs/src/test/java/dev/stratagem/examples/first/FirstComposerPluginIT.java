package dev.stratagem.examples.first;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows "Write your first Java composer plugin" step by step: the jar this module built is dropped into a
 * plugins folder beside the built-in ones, and a backtest runs the strategy file from the guide.
 */
class FirstComposerPluginIT {

    @TempDir
    Path tmp;

    @Test
    void the_guide_plugin_jar_drops_in_and_trades() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path builtIn = Path.of(System.getProperty("stratagem.plugins.dir"));
        for (String jar : List.of("plugin-indicators.jar", "plugin-paper.jar")) {
            Files.copy(builtIn.resolve(jar), plugins.resolve(jar));
        }
        Path jar = Path.of(System.getProperty("plugin.jar"));
        Files.copy(jar, plugins.resolve("first-composer.jar.tmp"));
        Files.move(plugins.resolve("first-composer.jar.tmp"), plugins.resolve("first-composer.jar"),
                StandardCopyOption.ATOMIC_MOVE);
        Path strategy = Path.of(System.getProperty("sdk.docs.dir")).resolve("examples/price-above-sma.yaml");
        Path data = Path.of(System.getProperty("stratagem.data.dir")).resolve("orcl-1995-2014.txt");

        BacktestResult result = BacktestRunner.run(new BacktestRequest(strategy, List.of(data), null, null, null, null,
                null, RecordLevel.ACTIVITY, false, plugins, tmp.resolve("history")));

        assertThat(result.closedTrades()).isPositive();
        assertThat(result.failedCycles()).isZero();
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("history"))) {
            String firstEntry = result.trades().getFirst().entryInstructionId();
            String composeId = firstEntry.substring(0, firstEntry.lastIndexOf('-'));
            assertThat(store.cycle(composeId).orElseThrow().versions())
                    .anySatisfy(v -> {
                        assertThat(v.componentId()).isEqualTo("price-above-sma");
                        assertThat(v.source()).isEqualTo("first-composer");
                        assertThat(v.sha256()).hasSize(12);
                    });
        }
    }
}
