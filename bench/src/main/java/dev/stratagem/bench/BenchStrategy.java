package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Builds a strategy's cycle coordinator the way the runtime does, for workloads that drive it themselves. */
final class BenchStrategy {

    private BenchStrategy() {}

    static CycleCoordinator coordinator(Path strategyFile, PluginCatalog catalog, String runId) {
        StrategyConfig config = StrategyConfigLoader.load(strategyFile);
        return new CycleCoordinator(new StrategyInfo(config.id(), runId, "paper", config.allSymbols()),
                StrategyAssembler.assemble(config, catalog),
                new LedgerPortfolio(config.id(), config.capital(), config.limits()),
                new DigestTracker(config.periodsPerYear()), config.instrumentMap(), 256, Duration.ofSeconds(30));
    }

    static List<Candle> candles(Path csv) {
        return CsvCandleReader.read(csv, "ORCL", CsvFormat.detect(csv), false).candles();
    }
}
