package dev.stratagem.runtime.kernel;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.runtime.analytics.RunReport;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.RunSummary;
import dev.stratagem.runtime.ops.OpsServer;
import dev.stratagem.runtime.ops.RuntimeMetrics;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.ReloadSettings;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.script.ScriptHotReload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
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

    /** Set once by {@link KernelBoot} before the strategies are deployed. */
    void scripts(ScriptHotReload scriptReload) {
        this.scripts = scriptReload;
    }

    /** Called by {@link KernelBoot} when everything is deployed: {@code /ready} answers yes from then on. */
    void markReady() {
        this.ready = true;
    }
    /** Worker verticles: a strategy's cycles may block on its gateway or on history back-pressure. */
    static final io.vertx.core.DeploymentOptions WORKER = new io.vertx.core.DeploymentOptions()
            .setThreadingModel(io.vertx.core.ThreadingModel.WORKER);

    private final JdbiHistoryStore store;
    private final HistoryWriter<CycleRecord> history;
    private final List<StrategyVerticle> strategies;
    private final List<LedgerPortfolio> ledgers;
    private final MarketFeedVerticle feed;
    private final RiskEngine risk;
    private final RuntimeMetrics metrics;
    private final int skippedRows;
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean ready;
    /** Strategies naming a component no loaded plugin provides yet, by id; each starts when one is loaded. */
    private final java.util.Map<String, WaitingStrategy> waiting = new java.util.concurrent.ConcurrentHashMap<>();
    private StrategyLauncher launcher;
    private OpsServer ops;
    private Path portFile;

    Kernel(Vertx vertx, HotReload catalog, JdbiHistoryStore store, HistoryWriter<CycleRecord> history,
            List<StrategyVerticle> strategies, List<LedgerPortfolio> ledgers, MarketFeedVerticle feed,
            RiskEngine risk, RuntimeMetrics metrics, int skippedRows) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
        this.history = history;
        this.strategies = new java.util.concurrent.CopyOnWriteArrayList<>(strategies);
        this.ledgers = new java.util.concurrent.CopyOnWriteArrayList<>(ledgers);
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
     * the ops HTTP server. The sequence is {@link KernelBoot}'s.
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
        return KernelBoot.start(runFile, config, pluginsDir, database, options, reload);
    }

    /** Set once by {@link KernelBoot}: the strategies that wait, retried whenever hot reload loads a jar. */
    void waitFor(java.util.Collection<WaitingStrategy> strategies, StrategyLauncher launch) {
        strategies.forEach(w -> waiting.put(w.config().id(), w));
        this.launcher = launch;
        catalog.onEvent(e -> {
            if (ReloadEvent.LOADED.equals(e.outcome()) || ReloadEvent.SWAPPED.equals(e.outcome())) {
                startWaiting();
            }
        });
    }

    /**
     * Assembles each waiting strategy again (on the reload thread); one that assembles now gets its run, is
     * put under hot reload, deployed, and joins the feed at the next bar: its cycles count from 1 there.
     */
    private synchronized void startWaiting() {
        for (WaitingStrategy w : List.copyOf(waiting.values())) {
            String id = w.config().id();
            if (down.get()) {
                return;
            }
            dev.stratagem.runtime.cycle.StrategyComponents components;
            try {
                components = dev.stratagem.runtime.strategy.StrategyAssembler.assemble(w.config(), catalog.components());
            } catch (RuntimeException e) {
                String status = StrategyLauncher.missingComponent(e).map(StrategyLauncher::waitingFor)
                        .orElse("waiting: " + e.getMessage());
                waiting.put(id, new WaitingStrategy(w.config(), status));
                continue;
            }
            try {
                StrategyLauncher.Launched launched = launcher.launch(w.config(), components, false);
                StrategyVerticle verticle = launched.verticle().late();
                vertx.deployVerticle(verticle, WORKER).compose(d -> feed.join(verticle))
                        .await(30, TimeUnit.SECONDS);
                synchronized (waiting) { // states() sees it either waiting or started, never neither or both
                    strategies.add(verticle);
                    ledgers.add(launched.ledger());
                    waiting.remove(id);
                }
                LOG.info("strategy {} started: what it waited for is loaded (run {})", id,
                        verticle.coordinator().info().runId());
            } catch (Exception e) {
                LOG.error("strategy {} could not start: {}", id, e.toString());
                waiting.put(id, new WaitingStrategy(w.config(), "waiting: could not start: " + e.getMessage()));
            }
        }
    }

    /**
     * Starts the ops endpoints (metrics, health, ready, the kill switch) if enabled, and writes their port beside the
     * database for the command line.
     *
     * @throws IllegalStateException if they cannot listen: the runtime must not trade without its kill switch
     */
    void startOps(Settings settings, Path database) {
        if (!settings.flag("ops.http.enabled")) {
            return;
        }
        String host = settings.text("ops.http.host");
        int port = settings.count("ops.http.port");
        try {
            ops = OpsServer.start(vertx, host, port, metrics, risk,
                    () -> ready && !down.get() && history.failed() == 0, settings.text("ops.apiToken"));
            portFile = database.toAbsolutePath().resolveSibling(database.getFileName() + ".ops-port");
            java.nio.file.Files.writeString(portFile, Integer.toString(ops.port()));
        } catch (Exception e) {
            throw new IllegalStateException("the ops endpoints (kill switch, metrics, health) cannot listen on " + host
                    + ":" + port + ": " + e.getMessage() + " (set ops.http.port to a free port, or 0 for any;"
                    + " ops.http.enabled: false for none)", e);
        }
        LOG.info("ops endpoints on http://{}:{}/ (metrics, health, ready, killswitch)", host, ops.port());
    }

    /** @return the risk engine (breakers, kill switch, sleeves) */
    public RiskEngine risk() {
        return risk;
    }

    /** @return the metrics registry holder */
    public RuntimeMetrics metrics() {
        return metrics;
    }

    /**
     * @return the components each strategy runs with now (paused ones included; stopped and waiting ones
     *     not, nor any once the runtime is shutting down), by strategy id: what {@code /metrics} collects
     */
    public java.util.Map<String, dev.stratagem.runtime.cycle.StrategyComponents> runningComponents() {
        java.util.Map<String, dev.stratagem.runtime.cycle.StrategyComponents> running = new java.util.LinkedHashMap<>();
        if (down.get()) {
            return running;
        }
        for (StrategyVerticle s : strategies) {
            if (!s.stopped()) {
                running.put(s.strategyId(), s.coordinator().components());
            }
        }
        return running;
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

    /**
     * @return every strategy of this runtime with its run and operator state, the started ones first; a
     *     strategy waiting for a plugin has no run yet and the state {@code WAITING: <why>}
     */
    public List<StrategyRunState> states() {
        synchronized (waiting) {
            return allStates();
        }
    }

    private List<StrategyRunState> allStates() {
        List<StrategyRunState> states = new java.util.ArrayList<>(strategies.stream().map(this::state).toList());
        waiting.values().forEach(w -> states.add(
                new StrategyRunState(w.config().id(), null, "WAITING: " + w.status(), null)));
        return states;
    }

    /** @return a started strategy's state: STOPPED, PAUSED with why (operator, hot reload, failing script), RUNNING */
    private StrategyRunState state(StrategyVerticle v) {
        String runId = v.coordinator().info().runId();
        if (v.stopped()) {
            return new StrategyRunState(v.strategyId(), runId, "STOPPED", null);
        }
        String why = v.pausedReason();
        if (why == null && scripts != null) {
            why = scripts.pausedReason(v.strategyId()).orElse(null);
        }
        return new StrategyRunState(v.strategyId(), runId, why == null ? "RUNNING" : "PAUSED", why);
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
     * Stops a strategy for good: it gets {@code onStop("operator")}, skips every later bar, its run is
     * finished now with the status {@code STOPPED: operator}, and its components are closed (hot reload leaves it
     * out from then on). The other strategies go on.
     *
     * @param strategyId the strategy
     * @return its state afterwards
     * @throws IllegalArgumentException for a strategy this runtime does not run
     * @throws IllegalStateException when it was already stopped or the runtime is shutting down
     */
    public StrategyRunState stop(String strategyId) {
        StrategyRunState state = control(strategyId, v -> v.stopForGood("operator"));
        int index = indexOf(strategyId);
        try {
            step("flush the history", history::flush); // its last cycles in H2 before its summary is computed
            finishRun(index, "operator");
        } finally {
            release(strategyId);
        }
        return state;
    }

    /**
     * Closes a stopped strategy's components now (a script's polyglot context, an LLM composer's request queue)
     * rather than never, and takes it out of hot reload: a saved script or a new jar builds nothing for it.
     */
    private void release(String strategyId) {
        try {
            if (scripts != null) {
                scripts.detach(strategyId);
            }
            if (catalog.forget(strategyId)) {
                LOG.info("strategy {} stopped: its components are closed", strategyId);
            }
        } catch (RuntimeException e) {
            LOG.error("strategy {} stopped, but closing its components failed: {}", strategyId, e.toString());
        }
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
        return state(v);
    }

    /**
     * The trades so far of a run this runtime is running: the history has a run's trades only once it finishes.
     *
     * @param runId a run
     * @return its trades, open ones included, read from its ledger on its strategy's context between cycles (the
     *     future completes there; nothing waits for it here); empty for a run this runtime does not run
     */
    public Optional<Future<List<TradeHistoryEntry>>> liveTrades(String runId) {
        synchronized (waiting) {   // a strategy and its ledger are added together under this lock
            for (int i = 0; i < strategies.size() && !down.get(); i++) {
                StrategyVerticle v = strategies.get(i);
                if (runId.equals(v.coordinator().info().runId())) {
                    return Optional.of(v.read(ledgers.get(i)::trades));
                }
            }
        }
        return Optional.empty();
    }

    private int indexOf(String strategyId) {
        WaitingStrategy w = waiting.get(strategyId);
        if (w != null) {
            throw new IllegalStateException("strategy '" + strategyId + "' is " + w.status());
        }
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
                report == null ? coordinator.maxDrawdown() : report.maxDrawdown(),
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
