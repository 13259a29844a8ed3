package dev.stratagem.runtime.kernel;

import dev.stratagem.api.Candle;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.backtest.RunIds;
import dev.stratagem.runtime.config.FeedConfig;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
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
    private final AtomicBoolean down = new AtomicBoolean();

    private Kernel(Vertx vertx, HotReload catalog, JdbiHistoryStore store, HistoryWriter history,
            List<StrategyVerticle> strategies, List<LedgerPortfolio> ledgers, MarketFeedVerticle feed) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.history = history;
        this.strategies = strategies;
        this.ledgers = ledgers;
        this.feed = feed;
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
        JdbiHistoryStore store = JdbiHistoryStore.openFile(database);
        HotReload catalog = HotReload.start(pluginsDir, reload, store);
        HistoryWriter history = new HistoryWriter(store);
        List<StrategyVerticle> verticles = new ArrayList<>();
        List<LedgerPortfolio> ledgers = new ArrayList<>();
        for (String s : config.strategies()) {
            Path file = base.resolve(s);
            StrategyConfig sc = StrategyConfigLoader.load(file);
            for (String symbol : sc.allSymbols()) {
                if (!fed.contains(symbol)) {
                    throw new IllegalArgumentException(file + ": strategy '" + sc.id() + "' trades " + symbol
                            + " but the feed only carries " + fed);
                }
            }
            String runId = RunIds.next("pp");
            LedgerPortfolio ledger = new LedgerPortfolio(sc.id(), sc.capital(), sc.limits());
            CycleCoordinator coordinator = new CycleCoordinator(
                    new StrategyInfo(sc.id(), runId, config.mode(), sc.allSymbols()),
                    StrategyAssembler.assemble(sc, catalog.components()), ledger, new DigestTracker(sc.periodsPerYear()),
                    sc.instrumentMap(), 256, Duration.ofSeconds(30));
            store.startRun(new RunInfo(runId, sc.id(), config.mode(), System.currentTimeMillis(),
                    StrategyConfigLoader.toJson(sc),
                    fed.toString()));
            catalog.register(sc, coordinator);
            verticles.add(new StrategyVerticle(coordinator, history));
            ledgers.add(ledger);
        }
        Vertx vertx = Vertx.vertx();
        LocalRecordCodec.install(vertx.eventBus());
        MarketFeedVerticle feed = new MarketFeedVerticle(new MarketReplay(data.stream().map(CandleSeries::candles).toList()),
                verticles.size(), config.speed());
        Kernel kernel = new Kernel(vertx, catalog, store, history, verticles, ledgers, feed);
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
        try {
            Future.all(verticles.stream().map(v -> vertx.deployVerticle(v, worker)).toList())
                    .compose(v -> vertx.deployVerticle(feed))
                    .await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            kernel.shutdown("failed to start");
            throw new IllegalStateException("the strategies did not deploy within 30 s", e);
        }
        LOG.info("started {} strategies on {} with {} plugins", verticles.size(), fed, catalog.list().size());
        return kernel;
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
     * drains the history writer and records each run's end. Safe to call twice.
     *
     * @param reason why, recorded with each strategy's stop
     */
    public void shutdown(String reason) {
        if (!down.compareAndSet(false, true)) {
            return;
        }
        feed.halt();
        strategies.forEach(s -> s.stopReason(reason));
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("Vert.x did not close cleanly: {}", e.toString());
        }
        history.close();
        for (int i = 0; i < strategies.size(); i++) {
            LedgerPortfolio ledger = ledgers.get(i);
            String runId = runIdOf(strategies.get(i));
            store.writeTrades(runId, ledger.trades());
            BigDecimal equity = ledger.equity();
            store.finishRun(new RunSummary(runId, System.currentTimeMillis(), "STOPPED: " + reason,
                    sequenceOf(strategies.get(i)), sequenceOf(strategies.get(i)),
                    (int) ledger.trades().stream().filter(t -> !t.isOpen()).count(), equity,
                    equity.divide(ledger.initialCash(), 12, RoundingMode.HALF_EVEN).doubleValue() - 1, 0, 0, "", 0));
        }
        catalog.close();
        store.close();
        LOG.info("stopped ({}): {} cycles recorded", reason, history.written());
    }

    private static String runIdOf(StrategyVerticle v) {
        return v.coordinator().info().runId();
    }

    private static long sequenceOf(StrategyVerticle v) {
        return v.coordinator().sequence();
    }

    @Override
    public void close() {
        shutdown("closed");
    }
}
