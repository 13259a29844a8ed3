package dev.stratagem.runtime.script;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
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
        return strategy(dir, script.replace('/', '-'), scripts().resolve(script), features);
    }

    /**
     * As {@link #strategy(Path, String, String)}, with the composer from any folder.
     *
     * @param id the strategy's id, and the file's name
     * @param folder the script folder
     */
    static Path strategy(Path dir, String id, Path folder, String features) {
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
                """.formatted(id, features, folder);
        try {
            Path file = dir.resolve(id + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a strategy over ORCL and hands every cycle record to the consumer. As a backtest does: assembled and run
     * on a {@link ScriptSupervisor}'s thread, so a script call that cannot be stopped fails its cycle.
     */
    static void cycles(Path strategyFile, ScriptCatalog scripts, Consumer<CycleRecord> each) {
        cycles(strategyFile, scripts, Integer.MAX_VALUE, each);
    }

    /** As {@link #cycles(Path, ScriptCatalog, Consumer)}, over the first {@code bars} bars of ORCL. */
    static void cycles(Path strategyFile, ScriptCatalog scripts, int bars, Consumer<CycleRecord> each) {
        StrategyConfig config = StrategyConfigLoader.load(strategyFile);
        List<Candle> candles = orclBars(bars);
        try (PluginCatalog catalog = PluginCatalog.load(TestPaths.plugins());
                ScriptSupervisor thread = new ScriptSupervisor("test-" + config.id())) {
            StrategyComponents components = thread.call(() -> StrategyAssembler.assemble(config, catalog, scripts),
                    abandoned -> {
                        throw abandoned;
                    });
            CycleCoordinator coordinator = new CycleCoordinator(
                    new StrategyInfo(config.id(), "run", "backtest", config.allSymbols()), components,
                    new LedgerPortfolio(config.id(), config.capital(), config.limits()),
                    new DigestTracker(config.periodsPerYear()), config.instrumentMap(), 256, Duration.ofSeconds(5));
            MarketReplay replay = new MarketReplay(List.of(candles));
            thread.cycles(coordinator, replay::next, cycle -> each.accept(cycle.record()));
            if (components.composer() instanceof ScriptComposer composer) {
                composer.close();
            }
        }
    }

    /** @return the first {@code bars} bars of ORCL */
    static List<Candle> orclBars(int bars) {
        List<Candle> all = CsvCandleReader.read(orcl(), "ORCL", CsvFormat.detect(orcl()), false).candles();
        return all.subList(0, Math.min(bars, all.size()));
    }

    static List<CycleRecord> allCycles(Path strategyFile, ScriptCatalog scripts) {
        List<CycleRecord> all = new ArrayList<>();
        cycles(strategyFile, scripts, all::add);
        return all;
    }
}
