package dev.stratagem.runtime.backtest;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.runtime.config.ComponentRef;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.config.StrategyConfigLoader;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.CycleOutcome;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.BlockRecorder;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RunInfo;
import dev.stratagem.runtime.history.RunSummary;
import dev.stratagem.runtime.marketdata.CandleColumns;
import dev.stratagem.runtime.marketdata.CandleSeries;
import dev.stratagem.runtime.marketdata.CandleSeriesCache;
import dev.stratagem.runtime.marketdata.CsvCandleReader;
import dev.stratagem.runtime.marketdata.CsvFormat;
import dev.stratagem.runtime.marketdata.MarketReplay;
import dev.stratagem.runtime.plugin.PluginCatalog;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.config.Settings;
import dev.stratagem.runtime.risk.KillSwitch;
import dev.stratagem.runtime.risk.RiskEngine;
import dev.stratagem.runtime.script.ScriptSupervisor;
import dev.stratagem.runtime.strategy.RiskWiring;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import dev.stratagem.runtime.strategy.StrategyLoadException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backtest: loads the strategy and its plugins, replays the CSV data bar by bar straight into the
 * decision cycle (no event-bus hop per bar), records the cycles the record level keeps, and returns the
 * summary with the result digest. Deterministic: the same inputs give the same digest.
 *
 * <p>A strategy with script components is assembled and its cycles run on a {@link ScriptSupervisor}'s thread, the
 * caller waiting: a script call that cannot be stopped is left behind there, its cycle recorded failed, and the
 * replay goes on with the script rebuilt, instead of hanging the backtest. One thread does both because a script's
 * context runs fastest on the thread that built it. A strategy of Java plugins only runs its loop on the calling
 * thread.
 */
public final class BacktestRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestRunner.class);
    /** The built-in paper gateway's id. */
    private static final String PAPER = "paper";

    private BacktestRunner() {}

    /**
     * @param request what to run
     * @return the outcome
     */
    public static BacktestResult run(BacktestRequest request) {
        try (PluginCatalog catalog = PluginCatalog.load(request.pluginsDir())) {
            return run(request, catalog);
        }
    }

    /**
     * Runs with plugins already loaded, so many backtests in one JVM share one catalog (and its JIT-compiled
     * plugin code). {@link BacktestRequest#pluginsDir()} is not read.
     *
     * @param request what to run
     * @param catalog the loaded plugins; the caller closes it
     * @return the outcome
     */
    public static BacktestResult run(BacktestRequest request, PluginCatalog catalog) {
        return run(request, catalog, System.getenv());
    }

    /**
     * @param env the environment whose {@code STRATAGEM_<KEY>} variables override the strategy file's settings, as
     *     for {@code stratagem run} (configuration.md, layer 4)
     */
    static BacktestResult run(BacktestRequest request, PluginCatalog catalog, Map<String, String> env) {
        StrategyConfig config = overrideGateway(StrategyConfigLoader.load(request.strategyFile()), request);
        List<CandleSeries> data = load(request, config);
        int skipped = data.stream().mapToInt(CandleSeries::skippedRows).sum();
        // a strategy with scripts runs on a supervisor's thread, so that a script call that cannot be stopped is left
        // behind instead of hanging the backtest; a Java-only one runs its loop right here
        ScriptSupervisor cycles = StrategyAssembler.hasScripts(config)
                ? new ScriptSupervisor("backtest-" + config.id()) : null;
        try {
            StrategyComponents components;
            try {
                components = cycles == null ? StrategyAssembler.assemble(config, catalog)
                        : cycles.call(() -> StrategyAssembler.assemble(config, catalog), abandoned -> {
                            throw abandoned;
                        });
            } catch (StrategyLoadException e) {
                throw e.in(request.strategyFile());
            }
            String runId = RunIds.backtest();
            if (request.database() == null) {
                return replay(request, config, components, runId, data, skipped, null, env, cycles);
            }
            try (JdbiHistoryStore store = JdbiHistoryStore.openFile(request.database())) {
                store.startRun(new RunInfo(runId, config.id(), "backtest", System.currentTimeMillis(),
                        StrategyConfigLoader.toJson(config),
                        data.stream().map(s -> s.source().toString()).toList().toString()));
                try (InterruptedRun stopped = new InterruptedRun(store, runId, skipped)) {
                    return replay(request, config, components, runId, data, skipped, store, env, cycles);
                } catch (RuntimeException | Error e) {
                    // the counts of what it recorded; no final equity, return or digest: it has none
                    store.endRun(runId, System.currentTimeMillis(), "FAILED: " + e, skipped);
                    throw e;
                }
            }
        } finally {
            if (cycles != null) {
                cycles.close();
            }
        }
    }

    private static BacktestResult replay(BacktestRequest request, StrategyConfig config,
            StrategyComponents components, String runId, List<CandleSeries> data, int skipped,
            JdbiHistoryStore store, Map<String, String> env, ScriptSupervisor cycles) {
        LedgerPortfolio ledger = new LedgerPortfolio(config.id(), config.capital(), config.limits());
        // The same risk engine as paper and live (breakers, portfolio and VaR limits), with an in-memory kill
        // switch: a backtest's guardrail verdicts are those the strategy would get on the bus. One thread at a time
        // uses it (this one, or the supervisor's, handed over with a happens-before edge).
        Settings global = Settings.defaults().withEnvironment(env);
        Settings settings = Settings.defaults().withFile(request.strategyFile().toString(), config.settings(), true)
                .withEnvironment(env);
        RiskEngine risk = RiskWiring.engine(global, Map.of(config.id(), settings), new KillSwitch(null), null)
                .confined();
        risk.register(config.id(), runId, config.capital().doubleValue());
        components = RiskWiring.wrap(components, config.id(), risk, List.of(), null);
        // the trade digest reduces the equity curve a point a cycle: its drawdown and Sharpe ratio are the report's
        DigestTracker tracker = new DigestTracker(config.periodsPerYear());
        CycleCoordinator coordinator = new CycleCoordinator(
                new StrategyInfo(config.id(), runId, "backtest", config.allSymbols()), components, ledger,
                tracker, config.instrumentMap(), 256, Duration.ofSeconds(30));
        MarketReplay replay = new MarketReplay(data.stream().map(CandleSeries::candles).toList());
        ResultDigest digest = new ResultDigest();
        // a backtest's history goes in blocks: the recorded cycles go to the writer 512 at a time (see BlockRecorder)
        BlockRecorder recorder = store == null ? null : store.blockRecorder();
        ReplayClock clock = new ReplayClock(recorder == null ? () -> 0 : recorder::writerCpuNanos,
                cycles == null ? ReplayClock::currentThreadCpu : cycles::cpuNanos);
        Progress progress = new Progress(replay.totalBars());
        Loop loop = new Loop(replay, risk, digest, recorder, request.recordLevel(), progress);
        try {
            coordinator.start();
            if (cycles == null) {
                for (List<Candle> slice = loop.next(); !slice.isEmpty(); slice = loop.next()) {
                    loop.cycled(coordinator.run(slice));
                }
            } else {
                cycles.cycles(coordinator, loop::next, loop::cycled);
            }
            coordinator.stop("finished");
            clock.loopDone();
        } finally {
            try {
                if (recorder != null) {
                    recorder.close();
                }
            } finally {
                progress.close();
            }
        }
        long bars = loop.bars;
        long recorded = loop.recorded;
        long failed = loop.failed;
        long elapsed = clock.finish(bars, recorded);
        for (PositionSnapshot p : ledger.view().positions()) {
            digest.position(p.symbol(), p.quantity(), p.averagePrice());
        }
        BigDecimal finalEquity = ledger.equity();
        double totalReturn = finalEquity.divide(config.capital(), 12, RoundingMode.HALF_EVEN).doubleValue() - 1;
        BacktestResult result = new BacktestResult(runId, config.id(), bars, coordinator.sequence(), recorded, failed,
                ledger.trades(), config.capital(), finalEquity, totalReturn, tracker.maxDrawdown(),
                tracker.sharpe(), digest.finish(), skipped, data.stream().flatMap(d -> d.skipped().stream()).toList(),
                elapsed, clock.cpu(),
                request.database() == null ? null : request.database().toString());
        if (store != null) {
            store.writeTrades(runId, result.trades());
            store.finishRun(new RunSummary(runId, System.currentTimeMillis(), "FINISHED", result.cycles(), recorded,
                    (int) result.closedTrades(), finalEquity, totalReturn, result.maxDrawdown(), result.sharpe(),
                    result.resultDigest(), skipped));
        }
        return result;
    }

    /** The replay loop's state, read and advanced on the cycles' thread (a new one after an abandoned call). */
    private static final class Loop {
        private final MarketReplay replay;
        private final RiskEngine risk;
        private final ResultDigest digest;
        private final BlockRecorder recorder;
        private final RecordLevel level;
        private final Progress progress;
        long bars;
        long recorded;
        long failed;

        Loop(MarketReplay replay, RiskEngine risk, ResultDigest digest, BlockRecorder recorder, RecordLevel level,
                Progress progress) {
            this.replay = replay;
            this.risk = risk;
            this.digest = digest;
            this.recorder = recorder;
            this.level = level;
            this.progress = progress;
        }

        /** @return the next slice, fed to the risk engine; empty at the end */
        List<Candle> next() {
            List<Candle> slice = replay.next();
            bars += slice.size();
            if (!slice.isEmpty()) {
                risk.observeBars(slice);
            }
            return slice;
        }

        void cycled(CycleOutcome cycle) {
            digest.cycle(cycle);
            if (cycle.status() == CycleStatus.FAILED) {
                failed++;
            }
            if (recorder != null && level.keeps(cycle)) {
                recorder.record(cycle.record());
                recorded++;
            }
            progress.step(bars);
        }
    }

    private static List<CandleSeries> load(BacktestRequest request, StrategyConfig config) {
        List<CandleSeries> all = new ArrayList<>();
        // One file for a one-symbol strategy feeds that symbol; otherwise each file's name says its symbol.
        boolean oneToOne = request.dataFiles().size() == 1 && config.allSymbols().size() == 1;
        for (Path file : request.dataFiles()) {
            String symbol = oneToOne ? config.allSymbols().getFirst() : CsvCandleReader.symbolFromFileName(file);
            CsvFormat format = request.csvMapping() == null ? CsvFormat.detect(file)
                    : CsvFormat.parseMapping(request.csvMapping());
            CandleSeries series = window(CandleSeriesCache.read(file, symbol, format, request.skipBadRows()), request);
            if (series.candles().isEmpty()) {
                throw new IllegalArgumentException(file + ": no bars"
                        + (request.from() == null ? "" : " from " + request.from())
                        + (request.to() == null ? "" : " to " + request.to()));
            }
            for (CandleSeries earlier : all) {
                if (earlier.symbol().equals(symbol)) {
                    throw new IllegalArgumentException(file + " and " + earlier.source() + " both carry " + symbol
                            + ": one file a symbol (a file's symbol comes from its name)");
                }
            }
            all.add(series);
        }
        List<String> fed = all.stream().map(CandleSeries::symbol).distinct().sorted().toList();
        List<String> traded = config.allSymbols().stream().sorted().toList();
        if (!fed.equals(traded)) {
            throw new IllegalArgumentException("strategy '" + config.id() + "' trades " + traded
                    + " but the data files carry " + fed + " (a file's symbol comes from its name, as in "
                    + "orcl-1995-2014.txt -> ORCL; one file for a one-symbol strategy feeds that symbol)");
        }
        return all;
    }

    private static CandleSeries window(CandleSeries series, BacktestRequest request) {
        if (request.from() == null && request.to() == null) {
            return series;
        }
        long from = request.from() == null ? Long.MIN_VALUE
                : request.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = request.to() == null ? Long.MAX_VALUE
                : request.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<Candle> kept = series.candles() instanceof CandleColumns columns ? columns.between(from, to)
                : series.candles().stream().filter(c -> c.ts() >= from && c.ts() < to).toList();
        return new CandleSeries(series.symbol(), series.source(), kept, series.skippedRows(), series.skipped(),
                series.notes());
    }

    /**
     * The gateway as the request sets it: its fee and slippage overridden; and the paper gateway's latency, a
     * wall-clock delay of each acknowledgement that changes no price, not applied: a backtest's time is its bars' (at
     * 30 s or more every trading cycle failed on the gateway timeout though its order filled).
     */
    private static StrategyConfig overrideGateway(StrategyConfig config, BacktestRequest request) {
        Map<String, Object> params = new HashMap<>(config.gateway().params());
        if (request.feeBps() != null) {
            params.put("feeBps", request.feeBps());
        }
        if (request.slippageBps() != null) {
            params.put("slippageBps", request.slippageBps());
        }
        if (!config.gateway().isScript() && PAPER.equals(config.gateway().id())) {
            for (String latency : List.of("latencyMs", "latencyJitterMs")) {
                if (nonZero(params, latency)) {
                    LOG.info("{}: the paper gateway's {} is a wall-clock delay and is not applied in a backtest",
                            request.strategyFile(), latency);
                    params.put(latency, 0);
                }
            }
        }
        if (params.equals(config.gateway().params())) {
            return config;
        }
        return config.withGateway(new ComponentRef(config.gateway().id(), params, config.gateway().script()));
    }

    /** @return whether the parameter reads as a whole number other than 0, as the gateway reads it ("40" too) */
    private static boolean nonZero(Map<String, Object> params, String key) {
        try {
            return new Parameters(params).getInt(key, 0) != 0;
        } catch (IllegalArgumentException e) {
            return false;   // not a whole number: left for the gateway to refuse with its own message
        }
    }
}
