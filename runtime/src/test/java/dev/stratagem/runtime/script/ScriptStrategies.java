package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.marketdata.MarketReplay;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import dev.stratagem.runtime.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Strategy files that use the example scripts, and a plain cycle loop that keeps every record. */
final class ScriptStrategies {

    private ScriptStrategies() {}

    /** @return the top-level scripts folder of the checkout */
    static Path scripts() {
        return TestPaths.data().getParent().getParent().resolve("scripts");
    }

    static Path orcl() {
        return TestPaths.data().resolve("orcl-1995-2014.txt");
    }

    /**
     * The demo strategy (SMA 10/30 on ORCL, next-open fills, no fees) with its composer replaced by a script.
     *
     * @param dir where to write the file
     * @param script the script folder relative to the scripts folder, for example {@code js/sma-crossover}
     * @param features the features the pipeline produces
     * @return the strategy file
     */
    static Path strategy(Path dir, String script, String features) {
        String yaml = """
                id: %s
                symbols: [ORCL]
                capital: 100000
                features:
                  id: indicators
                  params:
                    features: %s
                composer:
                  script: %s
                gateway:
                  id: paper
                  params: {fill: next-open, feeBps: 0, slippageBps: 0}
                constraints:
                  maxPositionQuantity: 1000
                  maxLeverage: 1.0
                """.formatted(script.replace('/', '-'), features, scripts().resolve(script));
        try {
            Path file = dir.resolve(script.replace('/', '-') + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a strategy over ORCL and hands every cycle record to the consumer. */
    static void cycles(Path strategyFile, ScriptCatalog scripts, Consumer<CycleRecord> each) {
        StrategyConfig config = StrategyConfigLoader.load(strategyFile);
        CandleSeries series = CsvCandleReader.read(orcl(), "ORCL", CsvFormat.detect(orcl()), false);
        try (PluginCatalog catalog = PluginCatalog.load(TestPaths.plugins())) {
            StrategyComponents components = StrategyAssembler.assemble(config, catalog, scripts);
            CycleCoordinator coordinator = new CycleCoordinator(
                    new StrategyInfo(config.id(), "run", "backtest", config.allSymbols()), components,
                    new LedgerPortfolio(config.id(), config.capital(), config.limits()),
                    new DigestTracker(config.periodsPerYear()), config.instrumentMap(), 256, Duration.ofSeconds(5));
            MarketReplay replay = new MarketReplay(List.of(series.candles()));
            for (List<Candle> slice = replay.next(); !slice.isEmpty(); slice = replay.next()) {
                each.accept(coordinator.runCycle(slice));
            }
            if (components.composer() instanceof ScriptComposer composer) {
                composer.close();
            }
        }
    }

    static List<CycleRecord> allCycles(Path strategyFile, ScriptCatalog scripts) {
        List<CycleRecord> all = new ArrayList<>();
        cycles(strategyFile, scripts, all::add);
        return all;
    }
}
