package dev.stratagem.runtime.kernel;

import dev.stratagem.api.Candle;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.backtest.RunIds;
import dev.stratagem.runtime.config.FeedConfig;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.RunSummary;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.marketdata.MarketReplay;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.ReloadSettings;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Stratagem: Vert.x, one worker verticle per strategy (each with its own capital and ledger), a
 * market-data verticle replaying the feed onto the bus, and one history writer that records every cycle
 * to H2 in ordered batches off the event loop. {@link #shutdown(String)} (also run on SIGINT / SIGTERM)
 * stops the feed, lets each strategy finish its cycle, drains and flushes the history: no recorded cycle
 * is lost.
 */
public final class Kernel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final Vertx vertx;
    private final HotReload catalog;
    private final JdbiHistoryStore store;
    private final HistoryWriter history;
    private final List<StrategyVerticle> strategies;
    private final List<LedgerPortfolio> ledgers;
    private final MarketFeedVerticle feed;
    private final int skippedRows;
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();

    private Kernel(Vertx vertx, HotReload catalog, JdbiHistoryStore store, HistoryWriter history,
            List<StrategyVerticle> strategies, List<LedgerPortfolio> ledgers, MarketFeedVerticle feed,
            int skippedRows) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.history = history;
        this.strategies = strategies;
        this.ledgers = ledgers;
        this.feed = feed;
        this.skippedRows = skippedRows;
    }

    /**
     * Loads everything, then deploys the strategies and starts the feed.
     *
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder
     * @param database the H2 file (without {@code .mv.db})
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database) {
        return start(runFile, config, pluginsDir, database, ReloadSettings.defaults(pluginsDir));
    }

    /**
     * Loads everything, then deploys the strategies and starts the feed, with plugins hot-reloaded from
     * {@code pluginsDir} as {@code reload} says.
     *
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @param reload the hot-reload settings
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database, ReloadSettings reload) {
        Path base = runFile.toAbsolutePath().getParent();
        List<CandleSeries> data = new ArrayList<>();
        for (FeedConfig f : config.feed()) {
            Path file = base.resolve(f.file());
            String symbol = f.symbol() == null ? CsvCandleReader.symbolFromFileName(file) : f.symbol();
            CsvFormat format = f.columns() == null ? CsvFormat.detect(file) : CsvFormat.parseMapping(f.columns());
            data.add(CsvCandleReader.read(file, symbol, format, config.skipBadRows()));
        }
        Set<String> fed = new LinkedHashSet<>(data.stream().map(CandleSeries::symbol).toList());
        int skipped = data.stream().mapToInt(CandleSeries::skippedRows).sum();
        List<StrategyConfig> configs = strategies(base, config, fed);

        // Everything that can fail on a bad config fails here, before a run is recorded or a thread started.
        JdbiHistoryStore store = JdbiHistoryStore.openFile(database);
        HotReload catalog = HotReload.start(pluginsDir, reload, store);
        List<StrategyComponents> components = new ArrayList<>();
        try {
            for (StrategyConfig sc : configs) {
                components.add(StrategyAssembler.assemble(sc, catalog.components()));
            }
        } catch (RuntimeException e) {
            catalog.close();
            store.close();
            throw e;
        }
        HistoryWriter history = new HistoryWriter(store);
        List<StrategyVerticle> verticles = new ArrayList<>();
        List<LedgerPortfolio> ledgers = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            StrategyConfig sc = configs.get(i);
            String runId = RunIds.next("pp");
            LedgerPortfolio ledger = new LedgerPortfolio(sc.id(), sc.capital(), sc.limits());
            CycleCoordinator coordinator = new CycleCoordinator(
                    new StrategyInfo(sc.id(), runId, config.mode(), sc.allSymbols()), components.get(i), ledger,
                    new DigestTracker(sc.periodsPerYear()), sc.instrumentMap(), 256, Duration.ofSeconds(30));
            store.startRun(new RunInfo(runId, sc.id(), config.mode(), System.currentTimeMillis(),
                    StrategyConfigLoader.toJson(sc), fed.toString()));
            catalog.register(sc, coordinator);
            verticles.add(new StrategyVerticle(coordinator, history));
            ledgers.add(ledger);
        }
        Vertx vertx = Vertx.vertx();
        LocalRecordCodec.install(vertx.eventBus());
        MarketFeedVerticle feed = new MarketFeedVerticle(
                new MarketReplay(data.stream().map(CandleSeries::candles).toList()), verticles.size(), config.speed());
        Kernel kernel = new Kernel(vertx, catalog, store, history, verticles, ledgers, feed, skipped);
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
        try {
            Future.all(verticles.stream().map(v -> vertx.deployVerticle(v, worker)).toList())
                    .compose(v -> vertx.deployVerticle(feed))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kernel.shutdown("failed to start: " + e.getMessage());
            throw new IllegalStateException("the strategies did not start: " + e.getMessage(), e);
        }
        LOG.info("started {} strategies on {} with {} plugins", verticles.size(), fed, catalog.list().size());
        return kernel;
    }

    private static List<StrategyConfig> strategies(Path base, RunConfig config, Set<String> fed) {
        List<StrategyConfig> configs = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String s : config.strategies()) {
            Path file = base.resolve(s);
            StrategyConfig sc = StrategyConfigLoader.load(file);
            if (!ids.add(sc.id())) {
                throw new IllegalArgumentException(file + ": strategy id '" + sc.id()
                        + "' is already used by another strategy of this run; ids must be unique");
            }
            for (String symbol : sc.allSymbols()) {
                if (!fed.contains(symbol)) {
                    throw new IllegalArgumentException(file + ": strategy '" + sc.id() + "' trades " + symbol
                            + " but the feed only carries " + fed);
                }
            }
            configs.add(sc);
        }
        return configs;
    }

    /** @return the running plugins: list, reload history, rollback */
    public PluginControl plugins() {
        return catalog;
    }

    /** @return the hot reload, for listening to its events */
    public HotReload hotReload() {
        return catalog;
    }

    /** @return the kernel's Vert.x (to serve the plugin API on) */
    public Vertx vertx() {
        return vertx;
    }

    /** @return completes with the number of bar closes sent, when the feed is exhausted or stopped */
    public Future<Long> feedFinished() {
        return feed.finished();
    }

    /** @return how many cycle records the history writer has committed */
    public long recorded() {
        return history.written();
    }

    /**
     * Stops the feed, undeploys every strategy (each finishes its current cycle and gets {@code onStop}),
     * drains the history writer and records each run's end. Every step runs even if an earlier one fails.
     * Safe to call from several threads (a signal and the main thread): later callers wait for the first.
     *
     * @param reason why, recorded with each strategy's stop
     */
    public void shutdown(String reason) {
        if (!down.compareAndSet(false, true)) {
            stopped.join();
            return;
        }
        try {
            feed.halt();
            strategies.forEach(s -> s.stopReason(reason));
            step("close Vert.x", () -> vertx.close().await(30, TimeUnit.SECONDS));
            step("drain the history writer", history::close);
            for (int i = 0; i < strategies.size(); i++) {
                int index = i;
                step("record the end of " + strategies.get(i).strategyId(), () -> finishRun(index, reason));
            }
            step("stop hot reload and unload the plugins", catalog::close);
            step("close the history store", store::close);
            LOG.info("stopped ({}): {} cycles recorded", reason, history.written());
        } finally {
            stopped.complete(null);
        }
    }

    private void finishRun(int index, String reason) {
        LedgerPortfolio ledger = ledgers.get(index);
        CycleCoordinator coordinator = strategies.get(index).coordinator();
        String runId = coordinator.info().runId();
        store.writeTrades(runId, ledger.trades());
        BigDecimal equity = ledger.equity();
        store.finishRun(new RunSummary(runId, System.currentTimeMillis(), "STOPPED: " + reason,
                coordinator.sequence(), coordinator.sequence(),
                (int) ledger.trades().stream().filter(t -> !t.isOpen()).count(), equity,
                equity.divide(ledger.initialCash(), 12, RoundingMode.HALF_EVEN).doubleValue() - 1,
                strategies.get(index).maxDrawdown(), coordinator.sharpe(), "", skippedRows));
    }

    private static void step(String what, ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            LOG.error("shutdown: could not {}: {}", what, e.toString());
        }
    }

    /** A shutdown step. */
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        shutdown("closed");
    }
}
