package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.backtest.ReplayCpu;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.plugin.PluginCatalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The benchmark command ({@code bench/run}): generates the data, runs every workload with warm-up and
 * repeats, runs ta4j on the same series (in a JVM of its own, right after our backtests: {@link PeerRuns}), and
 * prints a Markdown report with the machine and the goals. {@code --cold LEVEL FILE}, {@code --peer DECIMAL FILE
 * RUNS WARMUP_SECONDS}, {@code --paper DATA OUT} and {@code --memory DATA} are the child modes that run one workload
 * in a fresh JVM.
 */
public final class StratagemBench {

    static Path root = Path.of(System.getProperty("stratagem.root", ".")).toAbsolutePath().normalize();
    static Path plugins = root.resolve("runtime/target/plugins");
    static Path strategy = root.resolve("runtime/strategies/sma-crossover-orcl.yaml");
    /** The same crossover with its composer in JavaScript and in Python (scripts/js, scripts/python). */
    static final Map<String, Path> SCRIPT_STRATEGIES = scriptStrategies();
    static Path orcl = root.resolve("runtime/data/orcl-1995-2014.txt");
    static Path work = root.resolve("bench/target/bench-data");

    private StratagemBench() {}

    /**
     * @param args {@code [--bars N] [--runs N] [--cold-runs N] [--warmup-seconds N] [--only W,...] [--levels L,...]},
     *     or {@code --cold LEVEL FILE STRATEGY}
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--cold")) {
            try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
                BacktestResult r = backtest(catalog, Path.of(args[3]), Path.of(args[2]), RecordLevel.valueOf(args[1]));
                System.out.println("BARS_PER_SECOND " + r.bars() * 1e9 / r.elapsedNanos());
            }
            return;
        }
        if (args.length == 5 && args[0].equals("--peer")) {
            WarmRuns.warmupSeconds = Integer.parseInt(args[4]);
            System.out.println(PeerRuns.measure(Boolean.parseBoolean(args[1]), Path.of(args[2]), orcl,
                    Integer.parseInt(args[3])).line());
            return;
        }
        if (args.length == 3 && args[0].equals("--paper")) {
            Path db = fresh("paper");
            try {
                PaperLatencyWorkload.run(strategy, Path.of(args[1]), 5_000, PAPER_DAYS_PER_SECOND, db)
                        .write(Path.of(args[2]));
            } finally {
                discard(db);
            }
            System.out.println("PAPER " + args[2]);
            return;
        }
        if (args.length == 2 && args[0].equals("--memory")) {
            try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
                // copied once: a view of the file's columns would make new candles for each strategy that reads them
                List<Candle> bars = new ArrayList<>(BenchStrategy.candles(Path.of(args[1])).subList(0, 10_000));
                System.out.println(MemoryProbe.perStrategy(catalog, strategy, bars, 100).line());
            }
            return;
        }
        int bars = intArg(args, "--bars", 1_000_000);
        int runs = intArg(args, "--runs", 5);
        int coldRuns = intArg(args, "--cold-runs", 3);
        WarmRuns.warmupSeconds = intArg(args, "--warmup-seconds", WarmRuns.WARMUP_SECONDS);
        only = Set.of(stringArg(args, "--only", String.join(",", WORKLOADS)).split(","));
        String levelArg = stringArg(args, "--levels", "");
        levels = levelArg.isEmpty() ? null
                : Arrays.stream(levelArg.split(",")).map(l -> RecordLevel.valueOf(l.trim().toUpperCase(java.util.Locale.ROOT))).toList();
        if (!Set.copyOf(WORKLOADS).containsAll(only)) {
            throw new IllegalArgumentException("--only takes a comma-separated subset of " + WORKLOADS + ", was " + only);
        }
        Report report = new Report();
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        SyntheticSeries.Written big = SyntheticSeries.write(orcl, bars, work.resolve("synthetic-" + bars + ".csv"));
        SyntheticSeries.Written mid = SyntheticSeries.write(orcl, 100_000, work.resolve("synthetic-100000.csv"));
        SyntheticSeries.Written small = SyntheticSeries.write(orcl, 10_000, work.resolve("synthetic-10000.csv"));
        report.data(big, System.nanoTime() - t0);

        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            BacktestResult ours = null;
            BacktestResult javaSummary = null;
            // record all runs after the scripts: run before them, its every-cycle history left the heap and the JIT
            // in a state that cost the scripts 16-25% (full run at a25019a against the scripts alone)
            List<RecordLevel> levels = levels();
            for (RecordLevel level : levels.stream().filter(l -> l != RecordLevel.ALL).toList()) {
                WarmRuns<Run> results = javaBacktests(catalog, level, big.file(), runs, coldRuns, report);
                if (level == RecordLevel.ACTIVITY) {
                    ours = results.last().result();
                } else if (level == RecordLevel.SUMMARY) {
                    javaSummary = results.last().result();
                }
            }
            // the peer right after our backtests, each Num type in a JVM of its own: see PeerRuns
            List<Candle> candles = BenchStrategy.candles(big.file());
            BacktestResult orclRun = on("peer") ? backtest(catalog, strategy, orcl, RecordLevel.SUMMARY) : null;
            for (boolean decimal : on("peer") ? new boolean[] {true, false} : new boolean[0]) {
                PeerRuns peer = PeerRuns.parse(child(PeerRuns.PREFIX, false, "--peer", Boolean.toString(decimal),
                        big.file().toString(), Integer.toString(runs), Integer.toString(WarmRuns.warmupSeconds)));
                report.peer(decimal ? "DecimalNum (default)" : "DoubleNum", peer.cold(), peer.warm(),
                        peer.trades(), ours.closedTrades(), peer.orclTrades(), orclRun.closedTrades());
            }
            for (Map.Entry<String, Path> script : on("scripts") ? SCRIPT_STRATEGIES.entrySet() : Set.<Map.Entry<String, Path>>of()) {
                WarmRuns<Run> results = backtests(catalog, script.getValue(), big.file(), RecordLevel.SUMMARY, runs);
                report.script(script.getKey(), results.first().result().bars(), coldRuns(script.getValue(),
                        RecordLevel.SUMMARY, big.file(), coldRuns), warm(results), results.last().result(), javaSummary);
            }
            if (levels.contains(RecordLevel.ALL)) {
                javaBacktests(catalog, RecordLevel.ALL, mid.file(), runs, coldRuns, report);
            }
            if (on("many")) {
                report.many(ManyStrategiesWorkload.run(catalog, small.file(), 100, runs));
            }
            if (on("paper")) {
                SyntheticSeries.Written paper = SyntheticSeries.write(orcl, 30_000, work.resolve("synthetic-30000.csv"));
                Path out = work.resolve("paper-latency.txt");
                child("PAPER ", true, "--paper", paper.file().toString(), out.toString());
                report.latency(PaperLatencyWorkload.Result.read(out));
            }
            if (on("history")) {
                List<Candle> recorded = candles.subList(0, 50_000);
                report.history(historyThroughput(catalog, recorded, 3, false), historyThroughput(catalog, recorded, 3, true));
            }
            if (on("memory")) {
                report.memory(MemoryProbe.PerStrategy.parse(child("MEMORY ", false, "--memory", small.file().toString())));
            }
            if (on("reload")) {
                for (String language : List.of("js", "python")) {
                    report.scriptReload(language, ReloadWorkload.script(root, language, RELOADS));
                }
                report.pluginReload(ReloadWorkload.plugin(root, RELOADS));
            }
            if (report.activityMissed()) {   // last: the recording does not touch the measured runs
                report.profile(fmt("record activity (JFR over %d more whole runs after every workload: setup, loop,"
                        + " history drain, trade list, close)", runs),
                        CpuProfile.of(() -> {
                            for (int i = 0; i < runs; i++) {
                                backtest(catalog, strategy, big.file(), RecordLevel.ACTIVITY);
                            }
                        }));
            }
        }
        report.peak(MemoryProbe.peakRssBytes(), MemoryProbe.peakHeapBytes());
        report.print(System.out);
    }

    /** Hot reloads per kind (JS, Python, plugin jar). */
    static final int RELOADS = 20;

    /** The workloads, in the order they run; {@code --only} picks some. */
    static final List<String> WORKLOADS = List.of("backtest", "scripts", "peer", "many", "paper", "history", "memory", "reload");
    private static Set<String> only = Set.copyOf(WORKLOADS);

    private static boolean on(String workload) {
        return only.contains(workload);
    }

    /**
     * @return the {@code --levels} asked for, else every record level for {@code backtest}; else activity for the
     *     peer ratio, summary for the scripts
     */
    private static List<RecordLevel> levels() {
        if (levels != null) {
            return levels;
        }
        if (on("backtest")) {
            // all last (after the scripts too): run first, its every-cycle path left the JIT's profile of the loop
            // to the later levels (summary measured 614k bars/s after all and activity in one JVM, 846-925k alone)
            return List.of(RecordLevel.SUMMARY, RecordLevel.ACTIVITY, RecordLevel.ALL);
        }
        List<RecordLevel> levels = new ArrayList<>();
        if (on("peer")) {
            levels.add(RecordLevel.ACTIVITY);
        }
        if (on("scripts")) {
            levels.add(RecordLevel.SUMMARY);
        }
        return levels;
    }

    /** The paper latency workload replays daily bars at one calendar day per millisecond (~700 bars/s). */
    static final double PAPER_DAYS_PER_SECOND = 1_000;

    static BacktestResult backtest(PluginCatalog catalog, Path strategyFile, Path data, RecordLevel level) {
        Path db = level == RecordLevel.SUMMARY ? null : fresh("backtest");
        try {
            return BacktestRunner.run(new BacktestRequest(strategyFile, List.of(data), null, null, null, null, null,
                    level, false, plugins, db), catalog);
        } finally {
            discard(db);
        }
    }

    /**
     * A backtest and the wall time of its whole {@code BacktestRunner.run} call: the strategy's config, the data (from
     * the parsed-file cache after the first run), the loop, the trade list and closing the history file; and the
     * bench deleting that file after it.
     */
    record Run(BacktestResult result, long wallNanos) {}

    /** @return the discarded warm-up runs (see {@link WarmRuns}), then {@code runs} measured ones */
    private static WarmRuns<Run> backtests(PluginCatalog catalog, Path strategyFile, Path data,
            RecordLevel level, int runs) {
        return WarmRuns.of(() -> {
            long start = System.nanoTime();
            BacktestResult result = backtest(catalog, strategyFile, data, level);
            return new Run(result, System.nanoTime() - start);
        }, runs);
    }

    /** @return the measured runs' bars per second of the replay loop */
    private static Samples warm(WarmRuns<Run> results) {
        return new Samples(results.measured().stream()
                .mapToDouble(r -> r.result().bars() * 1e9 / r.result().elapsedNanos()).toArray());
    }

    /** @return the measured runs' wall times, in milliseconds */
    private static Samples wallMillis(WarmRuns<Run> results) {
        return new Samples(results.measured().stream().mapToDouble(r -> r.wallNanos() / 1e6).toArray());
    }

    /** @return one CPU time of the measured runs' timed windows (loop and history drain), in milliseconds */
    private static Samples cpuMillis(WarmRuns<Run> results, ToLongFunction<ReplayCpu> part) {
        return new Samples(results.measured().stream().mapToDouble(r -> part.applyAsLong(r.result().cpu()) / 1e6)
                .toArray());
    }

    private static Map<String, Path> scriptStrategies() {
        Map<String, Path> scripts = new LinkedHashMap<>();
        scripts.put("JavaScript", root.resolve("runtime/strategies/sma-crossover-orcl-js.yaml"));
        scripts.put("Python", root.resolve("runtime/strategies/sma-crossover-orcl-python.yaml"));
        return scripts;
    }

    /** Each in a fresh JVM with this JVM's flags (heap, Graal JIT). */
    private static Samples coldRuns(Path strategyFile, RecordLevel level, Path file, int n) throws Exception {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.parseDouble(child("BARS_PER_SECOND ", false, "--cold", level.name(), file.toString(),
                    strategyFile.toString()).substring(16));
        }
        return new Samples(values);
    }

    /**
     * Runs this class in a fresh JVM with this JVM's flags (heap, Graal JIT) and returns its line with the prefix.
     *
     * @param kernelGc whether the child measures the kernel (paper, live): it gets G1, the collector `stratagem
     *     run` uses, instead of this JVM's (bench/run takes `stratagem backtest`'s throughput collector)
     */
    private static String child(String prefix, boolean kernelGc, String... args) throws Exception {
        boolean peer = PeerRuns.PREFIX.equals(prefix);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-XX:StartFlightRecording"))
                // the heap touched at start only where runs are warm: ours here, and the peer's (see bench/run)
                .filter(a -> peer || !(a.startsWith("-Xms") || a.equals("-XX:+AlwaysPreTouch")))
                .filter(a -> !kernelGc || !(a.startsWith("-XX:+Use") && a.endsWith("GC"))).toList());
        if (kernelGc) {
            command.add("-XX:+UseG1GC");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StratagemBench.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("child JVM " + List.of(args) + " failed: " + out);
        }
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("child JVM " + List.of(args) + " printed no " + prefix));
    }

    private static Samples historyThroughput(PluginCatalog catalog, List<Candle> bars, int repeats, boolean blocks) {
        CycleCoordinator coordinator = BenchStrategy.coordinator(strategy, catalog, "bench-h2");
        List<CycleRecord> records = new ArrayList<>(bars.size());
        for (Candle bar : bars) {
            records.add(coordinator.runCycle(List.of(bar)));
        }
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            Path db = fresh("h2");
            try {
                rates[i] = HistoryThroughput.recordsPerSecond(records, db, blocks);
            } finally {
                discard(db);
            }
        }
        return new Samples(rates);
    }

    private static WarmRuns<Run> javaBacktests(PluginCatalog catalog, RecordLevel level, Path file, int runs,
            int coldRuns, Report report) throws Exception {
        WarmRuns<Run> results = backtests(catalog, strategy, file, level, runs);
        report.backtest("Java plugins", level, results.first().result().bars(), coldRuns(strategy, level, file,
                coldRuns), warm(results), results.first().result());
        report.backtestWall(level, wallMillis(results));
        report.backtestCpu(level, cpuMillis(results, ReplayCpu::loopThreadNanos),
                cpuMillis(results, ReplayCpu::otherThreadsNanos), cpuMillis(results, ReplayCpu::writerNanos));
        return results;
    }

    private static int counter;
    /** The backtest record levels {@code --levels} asked for, {@code null} for the workloads' own choice. */
    private static List<RecordLevel> levels;

    static Path fresh(String name) {
        return work.resolve("db").resolve(name + "-" + ProcessHandle.current().pid() + "-" + (++counter));
    }

    /**
     * Deletes the H2 files of a database the bench is done with ({@code db.mv.db}, its trace and temp files, the
     * paper run's file and folder beside it): a full run writes gigabytes of history, and kept, they filled this
     * machine's disk over a few runs.
     */
    static void discard(Path db) {
        if (db == null || !Files.isDirectory(db.getParent())) {
            return;
        }
        String name = db.getFileName().toString();
        try (var files = Files.list(db.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name + ".")
                    || f.getFileName().toString().startsWith(name + "-")).toList()) {
                try (var tree = Files.walk(f)) { // the paper gateway keeps a folder beside the database
                    for (Path each : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(each);
                    }
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("could not delete the bench database " + db + ": " + e);
        }
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
