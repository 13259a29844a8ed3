package dev.stratagem.runtime.kernel;

import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.analytics.RunReport;
import dev.stratagem.runtime.backtest.RunIds;
import dev.stratagem.runtime.config.ComponentRef;
import dev.stratagem.runtime.config.FeedConfig;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.RunSummary;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.marketdata.MarketReplay;
import dev.stratagem.runtime.ops.OpsServer;
import dev.stratagem.runtime.ops.RuntimeMetrics;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.ReloadSettings;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskStore;
import dev.stratagem.runtime.risk.SafeModeCheck;
import dev.stratagem.runtime.script.ScriptHotReload;
import dev.stratagem.runtime.strategy.RiskWiring;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Stratagem: Vert.x, one worker verticle per strategy (each with its own capital sleeve and ledger)
 * under one risk engine, a market-data verticle replaying the feed onto the bus, hot-reloaded plugins, the
 * ops endpoints, and one history writer that records every cycle to H2 in ordered batches off the event
 * loop. An interrupted paper run continues from H2 where it stopped. {@link #shutdown(String)} (also run on
 * SIGINT / SIGTERM) stops the feed, lets each strategy finish its cycle, drains and flushes the history: no
 * recorded cycle is lost.
 */
public final class Kernel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final Vertx vertx;
    private final HotReload catalog;
    private ScriptHotReload scripts;
    private final JdbiHistoryStore store;
    private final HistoryWriter history;
    private final List<StrategyVerticle> strategies;
    private final List<LedgerPortfolio> ledgers;
    private final MarketFeedVerticle feed;
    private final RiskEngine risk;
    private final RuntimeMetrics metrics;
    private final int skippedRows;
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean ready;
    private OpsServer ops;
    private Path portFile;

    private Kernel(Vertx vertx, HotReload catalog, JdbiHistoryStore store, HistoryWriter history,
            List<StrategyVerticle> strategies, List<LedgerPortfolio> ledgers, MarketFeedVerticle feed,
            RiskEngine risk, RuntimeMetrics metrics, int skippedRows) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.history = history;
        this.strategies = strategies;
        this.ledgers = ledgers;
        this.feed = feed;
        this.risk = risk;
        this.metrics = metrics;
        this.skippedRows = skippedRows;
    }

    /**
     * Starts with the process environment, no flags and the default hot-reload settings.
     *
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database) {
        return start(runFile, config, pluginsDir, database, KernelOptions.fromEnvironment());
    }

    /**
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @param reload the hot-reload settings
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database, ReloadSettings reload) {
        return start(runFile, config, pluginsDir, database, KernelOptions.fromEnvironment(), reload);
    }

    /**
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @param options environment, flags, {@code --live}
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database, KernelOptions options) {
        return start(runFile, config, pluginsDir, database, options, ReloadSettings.defaults(pluginsDir));
    }

    /**
     * Loads everything (settings layered: defaults, run file, strategy files, environment, flags), passes the
     * live-trading gate, assembles every strategy before anything is recorded, continues interrupted paper
     * runs from H2 (unless {@code runtime.resume} is false), then deploys the strategies, starts the feed and
     * the ops HTTP server.
     *
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @param options environment, flags, {@code --live}
     * @param reload the hot-reload settings
     * @return the started kernel
     */
    public static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database, KernelOptions options,
            ReloadSettings reload) {
        LiveTradingGate.check(config.mode(), options.live(), options.env());
        Path base = runFile.toAbsolutePath().getParent();
        Settings global = Settings.defaults().withFile(runFile.toString(), config.settings(), false);
        Settings runtime = global.withEnvironment(options.env()).withFlags(options.flags());
        dev.stratagem.runtime.ops.LogFormat.apply(runtime.text("ops.log.format")); // the file or a flag may override the env
        boolean live = config.mode().equals("live");
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
        java.util.Map<String, Settings> strategySettings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            StrategyConfig sc = configs.get(i);
            strategySettings.put(sc.id(), global.withFile(base.resolve(config.strategies().get(i)).toString(),
                    sc.settings(), true).withEnvironment(options.env()).withFlags(options.flags()));
        }

        // Everything that can fail on a bad config fails here, before a run is recorded or a thread started.
        JdbiHistoryStore store = JdbiHistoryStore.openFile(database);
        HotReload catalog = HotReload.start(pluginsDir, reload, store);
        java.util.Map<String, StrategyComponents> assembled = new java.util.LinkedHashMap<>();
        try {
            for (StrategyConfig sc : configs) {
                assembled.put(sc.id(), StrategyAssembler.assemble(sc, catalog.components()));
            }
        } catch (RuntimeException e) {
            catalog.close();
            store.close();
            throw e;
        }

        // script composers reload like plugins: watched, validated, swapped at a cycle boundary, recorded
        ScriptHotReload scripts = new ScriptHotReload(catalog::record, new ReloadEventStore(store), Duration.ofSeconds(5));
        catalog.attach(ScriptHotReload.PREFIX, scripts);
        KillSwitch killSwitch = new KillSwitch(new RiskStore(store));
        RiskEngine engine = RiskWiring.engine(runtime, strategySettings, killSwitch, new RiskStore(store));
        HistoryWriter history = new HistoryWriter(store);
        RuntimeMetrics metrics = new RuntimeMetrics(engine, history::queued);
        metrics.countReloads(catalog);
        List<StrategyVerticle> verticles = new ArrayList<>();
        List<LedgerPortfolio> ledgers = new ArrayList<>();
        long fastForward = Long.MIN_VALUE;
        for (StrategyConfig original : configs) {
            Settings ss = strategySettings.get(original.id());
            Optional<RunRecovery> recovery = ss.flag("runtime.resume")
                    ? RunRecovery.find(store, original.id(), config.mode()) : Optional.empty();
            String runId = recovery.map(RunRecovery::runId).orElseGet(() -> RunIds.next(live ? "lv" : "pp"));
            StrategyConfig sc = withJournal(original, database, runId);
            StrategyComponents base0 = sc == original ? assembled.get(sc.id())
                    : StrategyAssembler.assemble(sc, catalog.components());
            LedgerPortfolio ledger = new LedgerPortfolio(sc.id(), sc.capital(), sc.limits());
            DigestTracker digest = new DigestTracker(sc.periodsPerYear());
            engine.register(sc.id(), runId, sc.capital().doubleValue());
            SafeModeCheck safeMode = live && ss.flag("live.safeMode") ? RiskWiring.safeMode(sc, ss) : null;
            String strategyId = sc.id();
            java.util.function.UnaryOperator<StrategyComponents> wrapper = c -> RiskWiring.wrap(c, strategyId, engine,
                    List.of(metrics.listenerFor(strategyId)), safeMode);
            StrategyComponents components = wrapper.apply(base0);
            CycleCoordinator coordinator = new CycleCoordinator(
                    new StrategyInfo(sc.id(), runId, config.mode(), sc.allSymbols()), components, ledger, digest,
                    sc.instrumentMap(), 256, Duration.ofSeconds(30));
            long resumeAfter = Long.MIN_VALUE;
            if (recovery.isPresent()) {
                RunRecovery r = recovery.get();
                r.rebuild(ledger, digest);
                engine.restore(sc.id(), ledger.view());
                coordinator.resume(r.lastSequence(), r.working());
                resumeAfter = r.lastTs();
                fastForward = Math.max(fastForward, resumeAfter);
                LOG.info("resuming run {} of {} after cycle {}: {} fills replayed, {} working orders re-sent, equity {}",
                        runId, sc.id(), r.lastSequence(), r.fills().stream().filter(t -> t.status().isFill()).count(),
                        r.working().size(), ledger.equity().toPlainString());
            } else {
                store.startRun(new RunInfo(runId, sc.id(), config.mode(), System.currentTimeMillis(),
                        StrategyConfigLoader.toJson(sc), fed.toString()));
            }
            catalog.register(sc, coordinator, base0, wrapper);
            scripts.attach(sc.id(), base0);
            verticles.add(new StrategyVerticle(coordinator, history, engine, resumeAfter));
            ledgers.add(ledger);
        }
        Vertx vertx = Vertx.vertx();
        LocalRecordCodec.install(vertx.eventBus());
        MarketFeedVerticle feed = new MarketFeedVerticle(new MarketReplay(data.stream().map(CandleSeries::candles).toList()),
                verticles.size(), config.speed(), fastForward);
        Kernel kernel = new Kernel(vertx, catalog, store, history, verticles, ledgers, feed, engine, metrics, skipped);
        kernel.scripts = scripts;
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
        try {
            Future.all(verticles.stream().map(v -> vertx.deployVerticle(v, worker)).toList())
                    .compose(v -> vertx.deployVerticle(feed))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kernel.shutdown("failed to start: " + e.getMessage());
            throw new IllegalStateException("the strategies did not start: " + e.getMessage(), e);
        }
        kernel.startOps(runtime, database);
        kernel.ready = true;
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

    /** A paper gateway remembers executed ids in a journal beside the database, one file per run. */
    private static StrategyConfig withJournal(StrategyConfig sc, Path database, String runId) {
        if (!sc.gateway().id().equals("paper") || sc.gateway().params().containsKey("journal")) {
            return sc;
        }
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>(sc.gateway().params());
        Path dir = database.toAbsolutePath().resolveSibling(database.getFileName() + ".paper");
        params.put("journal", dir.resolve(runId + ".journal").toString());
        return sc.withGateway(new ComponentRef("paper", params));
    }

    private void startOps(Settings settings, Path database) {
        if (!settings.flag("ops.http.enabled")) {
            return;
        }
        try {
            ops = OpsServer.start(vertx, settings.text("ops.http.host"), settings.count("ops.http.port"), metrics,
                    risk, () -> ready && !down.get() && history.failed() == 0, settings.text("ops.apiToken"));
            portFile = database.toAbsolutePath().resolveSibling(database.getFileName() + ".ops-port");
            java.nio.file.Files.writeString(portFile, Integer.toString(ops.port()));
            LOG.info("ops endpoints on http://{}:{}/ (metrics, health, ready, killswitch)",
                    settings.text("ops.http.host"), ops.port());
        } catch (Exception e) {
            LOG.error("ops HTTP server not started on {}:{}: {}", settings.text("ops.http.host"),
                    settings.count("ops.http.port"), e.toString());
        }
    }

    /** @return the risk engine (breakers, kill switch, sleeves) */
    public RiskEngine risk() {
        return risk;
    }

    /** @return the metrics registry holder */
    public RuntimeMetrics metrics() {
        return metrics;
    }

    /** @return the ops server's port, or -1 if it is not running */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
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

    /** @return every strategy of this runtime with its run and operator state, in configuration order */
    public List<StrategyRunState> states() {
        return strategies.stream().map(s -> new StrategyRunState(s.strategyId(), s.coordinator().info().runId(),
                s.state())).toList();
    }

    /**
     * Pauses a strategy: from the next bar on it skips bars and records nothing (the feed goes on for the others).
     *
     * @param strategyId the strategy
     * @return its state afterwards
     * @throws IllegalArgumentException for a strategy this runtime does not run
     * @throws IllegalStateException when it was stopped or the runtime is shutting down
     */
    public StrategyRunState pause(String strategyId) {
        return control(strategyId, v -> v.paused(true));
    }

    /**
     * Resumes a paused strategy (a running one stays running).
     *
     * @param strategyId the strategy
     * @return its state afterwards
     * @throws IllegalArgumentException for a strategy this runtime does not run
     * @throws IllegalStateException when it was stopped or the runtime is shutting down
     */
    public StrategyRunState resume(String strategyId) {
        return control(strategyId, v -> v.paused(false));
    }

    /**
     * Stops a strategy for good: it gets {@code onStop("operator")}, skips every later bar, and its run is
     * finished now with the status {@code STOPPED: operator}. The other strategies go on.
     *
     * @param strategyId the strategy
     * @return its state afterwards
     * @throws IllegalArgumentException for a strategy this runtime does not run
     * @throws IllegalStateException when it was already stopped or the runtime is shutting down
     */
    public StrategyRunState stop(String strategyId) {
        StrategyRunState state = control(strategyId, v -> v.stopForGood("operator"));
        int index = indexOf(strategyId);
        step("flush the history", history::flush); // its last cycles in H2 before its summary is computed
        finishRun(index, "operator");
        return state;
    }

    private synchronized StrategyRunState control(String strategyId,
            java.util.function.Function<StrategyVerticle, Future<Void>> action) {
        StrategyVerticle v = strategies.get(indexOf(strategyId));
        if (down.get()) {
            throw new IllegalStateException("the runtime is shutting down");
        }
        if (v.stopped()) {
            throw new IllegalStateException("strategy '" + strategyId + "' was stopped; a stopped run does not resume");
        }
        try {
            // not Future.await: callers may be Vert.x worker threads (the console's blocking handlers)
            action.apply(v).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("strategy '" + strategyId + "' did not answer within 30 s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("strategy '" + strategyId + "': " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while controlling strategy '" + strategyId + "'", e);
        }
        return new StrategyRunState(strategyId, v.coordinator().info().runId(), v.state());
    }

    private int indexOf(String strategyId) {
        for (int i = 0; i < strategies.size(); i++) {
            if (strategies.get(i).strategyId().equals(strategyId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no strategy '" + strategyId + "' in this runtime");
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
            step("stop the ops server", this::stopOps);
            step("stop watching scripts", () -> {
                if (scripts != null) {
                    scripts.close();
                }
            });
            strategies.forEach(s -> s.stopReason(reason));
            step("close Vert.x", () -> vertx.close().await(30, TimeUnit.SECONDS));
            step("drain the history writer", history::close);
            for (int i = 0; i < strategies.size(); i++) {
                int index = i;
                if (strategies.get(i).stopped()) {
                    continue; // the operator stopped it: its run was finished then
                }
                step("record the end of " + strategies.get(i).strategyId(), () -> finishRun(index, reason));
            }
            step("stop hot reload and unload the plugins", catalog::close);
            step("close the history store", store::close);
            LOG.info("stopped ({}): {} cycles recorded", reason, history.written());
        } finally {
            stopped.complete(null);
        }
    }

    private void stopOps() throws java.io.IOException {
        if (ops != null) {
            ops.close();
            java.nio.file.Files.deleteIfExists(portFile); // a stale port file only makes the CLI try a closed port
        }
    }

    private void finishRun(int index, String reason) {
        LedgerPortfolio ledger = ledgers.get(index);
        StrategyVerticle strategy = strategies.get(index);
        CycleCoordinator coordinator = strategy.coordinator();
        String runId = coordinator.info().runId();
        store.writeTrades(runId, ledger.trades());
        BigDecimal equity = ledger.equity();
        RunReport report = report(runId);
        if (report != null) {
            LOG.info("run {} of {}: {}", runId, strategy.strategyId(), report.summary());
        }
        store.finishRun(new RunSummary(runId, System.currentTimeMillis(), "STOPPED: " + reason,
                coordinator.sequence(), coordinator.sequence(),
                (int) ledger.trades().stream().filter(t -> !t.isOpen()).count(), equity,
                equity.divide(ledger.initialCash(), 12, RoundingMode.HALF_EVEN).doubleValue() - 1,
                report == null ? strategy.maxDrawdown() : report.maxDrawdown(),
                report == null ? coordinator.sharpe() : report.sharpe(), "", skippedRows));
    }

    /** The run's analytics from its recorded equity curve; null when too short or not computable. */
    private RunReport report(String runId) {
        try {
            double[] equity = store.jdbi().withHandle(h -> h.createQuery("SELECT p.equity FROM portfolio_snapshots p"
                            + " JOIN cycles c ON c.compose_id = p.compose_id WHERE c.run_id = ? ORDER BY c.seq")
                    .bind(0, runId).mapTo(Double.class).list()).stream().mapToDouble(Double::doubleValue).toArray();
            return equity.length < 3 ? null : RunReport.of(equity, null, 252);
        } catch (RuntimeException e) {
            LOG.warn("no run report for {}: {}", runId, e.toString());
            return null;
        }
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
