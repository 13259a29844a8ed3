package dev.stratagem.runtime.kernel;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.backtest.RunIds;
import dev.stratagem.runtime.config.ComponentRef;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.ops.RuntimeMetrics;
import dev.stratagem.runtime.plugin.UnknownComponentException;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.SafeModeCheck;
import dev.stratagem.runtime.script.ScriptHotReload;
import dev.stratagem.runtime.strategy.RiskWiring;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an assembled strategy into a verticle ready to deploy: its run (continued from H2 or recorded new),
 * ledger, risk sleeve and coordinator, registered with hot reload and the script reload. Used at boot for
 * every strategy, and later for a waiting one once a loaded plugin provides what it names.
 */
final class StrategyLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyLauncher.class);
    /** The message of {@link UnknownComponentException} when no plugin provides an id (not a rejected parameter). */
    private static final Pattern MISSING = Pattern.compile("^no (\\w+) '([^']+)' in the (?:live )?plugins");

    /** A verticle to deploy, with its ledger. */
    record Launched(StrategyVerticle verticle, LedgerPortfolio ledger, long resumeAfter) {}

    private final String mode;
    private final String fed;
    private final Path database;
    private final Map<String, Settings> settings;
    private final JdbiHistoryStore store;
    private final HotReload catalog;
    private final ScriptHotReload scripts;
    private final RiskEngine engine;
    private final RuntimeMetrics metrics;
    private final HistoryWriter<CycleRecord> history;

    StrategyLauncher(String mode, String fed, Path database, Map<String, Settings> settings, JdbiHistoryStore store,
            HotReload catalog, ScriptHotReload scripts, RiskEngine engine, RuntimeMetrics metrics,
            HistoryWriter<CycleRecord> history) {
        this.mode = mode;
        this.fed = fed;
        this.database = database;
        this.settings = settings;
        this.store = store;
        this.catalog = catalog;
        this.scripts = scripts;
        this.engine = engine;
        this.metrics = metrics;
        this.history = history;
    }

    /**
     * @param failure why a strategy did not assemble
     * @return {@code "composer 'template'"} when the only problem is that no loaded plugin provides a component
     */
    static Optional<String> missingComponent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownComponentException && t.getMessage() != null) {
                Matcher m = MISSING.matcher(t.getMessage());
                return m.find() ? Optional.of(m.group(1) + " '" + m.group(2) + "'") : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the status of a strategy waiting for {@code missing} */
    static String waitingFor(String missing) {
        return "waiting for " + missing + ": no plugin provides it yet";
    }

    /**
     * @param original the strategy as configured
     * @param assembled its components, assembled from {@code original}
     * @param resume whether an interrupted run of it may be continued
     * @return the verticle (not deployed yet) and its ledger
     */
    Launched launch(StrategyConfig original, StrategyComponents assembled, boolean resume) {
        boolean live = mode.equals("live");
        Settings ss = settings.get(original.id());
        Optional<RunRecovery> recovery = resume && ss.flag("runtime.resume")
                ? RunRecovery.find(store, original.id(), mode) : Optional.empty();
        String runId = recovery.map(RunRecovery::runId).orElseGet(() -> RunIds.next(live ? "lv" : "pp"));
        StrategyConfig sc = withJournal(original, database, runId);
        StrategyComponents base0 = sc == original ? assembled : StrategyAssembler.assemble(sc, catalog.components());
        LedgerPortfolio ledger = new LedgerPortfolio(sc.id(), sc.capital(), sc.limits());
        DigestTracker digest = new DigestTracker(sc.periodsPerYear());
        engine.register(sc.id(), runId, sc.capital().doubleValue());
        SafeModeCheck safeMode = live && ss.flag("live.safeMode") ? RiskWiring.safeMode(sc, ss) : null;
        String strategyId = sc.id();
        java.util.function.UnaryOperator<StrategyComponents> wrapper = c -> RiskWiring.wrap(c, strategyId, engine,
                List.of(metrics.listenerFor(strategyId)), safeMode);
        CycleCoordinator coordinator = new CycleCoordinator(new StrategyInfo(sc.id(), runId, mode, sc.allSymbols()),
                wrapper.apply(base0), ledger, digest, sc.instrumentMap(), 256, Duration.ofSeconds(30));
        long resumeAfter = Long.MIN_VALUE;
        if (recovery.isPresent()) {
            RunRecovery r = recovery.get();
            r.rebuild(ledger, digest);
            // the last recorded view, at its cycle's time and marks (the rebuilt ledger is marked at fill prices
            // until the recorded bars are primed); the ledger's when no cycle recorded one
            engine.restore(sc.id(), r.lastPortfolio() != null ? r.lastPortfolio() : ledger.view(), r.lastTs());
            coordinator.resume(r.lastSequence(), r.working());
            resumeAfter = r.lastTs();
            LOG.info("resuming run {} of {} after cycle {}: {} fills replayed, {} working orders re-sent, equity {}",
                    runId, sc.id(), r.lastSequence(), r.fills().stream().filter(t -> t.status().isFill()).count(),
                    r.working().size(), ledger.equity().toPlainString());
        } else {
            store.startRun(new RunInfo(runId, sc.id(), mode, System.currentTimeMillis(), StrategyConfigLoader.toJson(sc),
                    fed));
        }
        catalog.register(sc, coordinator, base0, wrapper);
        scripts.attach(sc.id(), coordinator::components); // follows plugin reloads' swaps
        return new Launched(new StrategyVerticle(coordinator, history, engine, resumeAfter), ledger, resumeAfter);
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
}
