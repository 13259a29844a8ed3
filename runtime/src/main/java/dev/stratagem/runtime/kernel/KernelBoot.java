package dev.stratagem.runtime.kernel;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.config.FeedConfig;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.marketdata.MarketReplay;
import dev.stratagem.runtime.ops.RuntimeMetrics;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.plugin.reload.ReloadSettings;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.PortfolioStateSink;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.risk.RiskStore;
import dev.stratagem.runtime.script.ScriptHotReload;
import dev.stratagem.runtime.strategy.RiskWiring;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Kernel} comes up: read the feed and the strategy files, layer the settings, assemble every
 * strategy (failing before anything is recorded or started), build the risk engine, continue interrupted runs
 * from H2, then deploy one worker verticle per strategy and the feed.
 */
final class KernelBoot {

    private static final Logger LOG = LoggerFactory.getLogger(KernelBoot.class);

    private KernelBoot() {}

    /**
     * Loads everything (settings layered: defaults, run file, strategy files, environment, flags), passes the
     * live-trading gate, assembles every strategy before anything is recorded, continues interrupted paper
     * runs from H2 (unless {@code runtime.resume} is false), then deploys the strategies, starts the feed and
     * the ops HTTP server. A strategy that only names a component no loaded plugin provides waits for it (see
     * {@link Kernel#states()}); when every strategy would wait, the run is refused.
     *
     * @param runFile the run YAML
     * @param config the loaded run config
     * @param pluginsDir the plugin jar folder (watched)
     * @param database the H2 file (without {@code .mv.db})
     * @param options environment, flags, {@code --live}
     * @param reload the hot-reload settings
     * @return the started kernel
     */
    static Kernel start(Path runFile, RunConfig config, Path pluginsDir, Path database, KernelOptions options,
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
        java.util.Map<String, WaitingStrategy> waiting = new java.util.LinkedHashMap<>();
        try {
            for (StrategyConfig sc : configs) {
                try {
                    assembled.put(sc.id(), StrategyAssembler.assemble(sc, catalog.components()));
                } catch (RuntimeException e) {
                    // only a component no plugin provides yet waits for its jar; anything else is a bad config
                    String missing = StrategyLauncher.missingComponent(e).orElseThrow(() -> e);
                    waiting.put(sc.id(), new WaitingStrategy(sc, StrategyLauncher.waitingFor(missing)));
                    LOG.warn("strategy {} is {}", sc.id(), waiting.get(sc.id()).status());
                }
            }
            if (assembled.isEmpty()) {
                throw new IllegalArgumentException("no strategy of this run can start: " + waiting.values().stream()
                        .map(w -> w.config().id() + " is " + w.status()).toList() + "; add the plugin jars to "
                        + pluginsDir + " and start again");
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
        // each batch of cycles with the portfolio breaker's state after it, so a restart goes on from that
        HistoryWriter<CycleRecord> history = HistoryWriter.cycles(new PortfolioStateSink(store, engine));
        RuntimeMetrics metrics = new RuntimeMetrics(engine, history::queued);
        metrics.countReloads(catalog);
        StrategyLauncher launcher = new StrategyLauncher(config.mode(), fed.toString(), database, strategySettings,
                store, catalog, scripts, engine, metrics, history);
        List<StrategyVerticle> verticles = new ArrayList<>();
        List<LedgerPortfolio> ledgers = new ArrayList<>();
        long fastForward = Long.MIN_VALUE;
        try {
            for (var e : assembled.entrySet()) {
                StrategyLauncher.Launched launched = launcher.launch(configs.stream()
                        .filter(c -> c.id().equals(e.getKey())).findFirst().orElseThrow(), e.getValue(), true);
                fastForward = Math.max(fastForward, launched.resumeAfter());
                verticles.add(launched.verticle());
                ledgers.add(launched.ledger());
            }
            engine.restorePortfolio();   // once every resumed sleeve is back
        } catch (RuntimeException | Error e) {
            // the history writer's thread is not a daemon: left running, it kept the JVM up after the error
            try {
                history.close();
            } catch (RuntimeException notWritten) {
                e.addSuppressed(notWritten);
            }
            catalog.close();
            store.close();
            throw e;
        }
        Vertx vertx = Vertx.vertx();
        LocalRecordCodec.install(vertx.eventBus());
        MarketFeedVerticle feed = new MarketFeedVerticle(new MarketReplay(data.stream().map(CandleSeries::candles).toList()),
                verticles.stream().map(StrategyVerticle::strategyId).toList(), config.speed(), fastForward);
        Kernel kernel = new Kernel(vertx, catalog, store, history, verticles, ledgers, feed, engine, metrics, skipped);
        kernel.scripts(scripts);
        metrics.collectComponents(kernel::runningComponents);
        kernel.waitFor(waiting.values(), launcher);
        try {
            // before the first bar: a runtime whose kill switch, metrics or console cannot listen does not trade
            kernel.startOps(runtime, database);
            options.beforeFeed().accept(kernel);
        } catch (RuntimeException e) {
            kernel.shutdown("failed to start: " + e.getMessage());
            throw e;
        }
        try {
            Future.all(verticles.stream().map(v -> vertx.deployVerticle(v, Kernel.WORKER)).toList())
                    .compose(v -> vertx.deployVerticle(feed))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kernel.shutdown("failed to start: " + e.getMessage());
            throw new IllegalStateException("the strategies did not start: " + e.getMessage(), e);
        }
        kernel.markReady();
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
}
