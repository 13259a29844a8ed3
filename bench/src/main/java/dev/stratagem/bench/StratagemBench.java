package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.backtest.BacktestRequest;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.backtest.BacktestRunner;
import dev.stratagem.runtime.config.RecordLevel;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.plugin.PluginCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command ({@code bench/run}): generates the data, runs every workload with warm-up and
 * repeats, runs ta4j on the same series in the same JVM, and prints a Markdown report with the machine and
 * the goals. {@code --cold LEVEL FILE} is the child mode that times one backtest in a fresh JVM.
 */
public final class StratagemBench {

    static Path root = Path.of(System.getProperty("stratagem.root", ".")).toAbsolutePath().normalize();
    static Path plugins = root.resolve("runtime/target/plugins");
    static Path strategy = root.resolve("runtime/strategies/sma-crossover-orcl.yaml");
    static Path orcl = root.resolve("runtime/data/orcl-1995-2014.txt");
    static Path work = root.resolve("bench/target/bench-data");

    private StratagemBench() {}

    /** @param args {@code [--bars N] [--runs N] [--cold-runs N]}, or {@code --cold LEVEL FILE} */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--cold")) {
            try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
                BacktestResult r = backtest(catalog, Path.of(args[2]), RecordLevel.valueOf(args[1]));
                System.out.println("BARS_PER_SECOND " + r.bars() * 1e9 / r.elapsedNanos());
            }
            return;
        }
        int bars = intArg(args, "--bars", 1_000_000);
        int runs = intArg(args, "--runs", 5);
        int coldRuns = intArg(args, "--cold-runs", 3);
        Report report = new Report();
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        SyntheticSeries.Written big = SyntheticSeries.write(orcl, bars, work.resolve("synthetic-" + bars + ".csv"));
        SyntheticSeries.Written mid = SyntheticSeries.write(orcl, 100_000, work.resolve("synthetic-100000.csv"));
        SyntheticSeries.Written small = SyntheticSeries.write(orcl, 10_000, work.resolve("synthetic-10000.csv"));
        report.data(big, System.nanoTime() - t0);

        try (PluginCatalog catalog = PluginCatalog.load(plugins)) {
            BacktestResult ours = null;
            for (RecordLevel level : RecordLevel.values()) {
                Path file = level == RecordLevel.ALL ? mid.file() : big.file();
                Samples cold = coldRuns(level, file, coldRuns);
                List<BacktestResult> results = new ArrayList<>();
                for (int i = 0; i < runs + 2; i++) {
                    results.add(backtest(catalog, file, level));
                }
                Samples warm = new Samples(results.subList(2, results.size()).stream()
                        .mapToDouble(r -> r.bars() * 1e9 / r.elapsedNanos()).toArray());
                report.backtest(level, results.getFirst().bars(), cold, warm, results.getFirst());
                if (level == RecordLevel.ACTIVITY) {
                    ours = results.getLast();
                }
            }
            BacktestResult orclRun = backtest(catalog, orcl, RecordLevel.SUMMARY);
            List<Candle> candles = BenchStrategy.candles(big.file());
            for (boolean decimal : new boolean[] {true, false}) {
                Ta4jCrossover peer = new Ta4jCrossover(candles, decimal);
                List<Ta4jCrossover.Run> peerRuns = new ArrayList<>();
                for (int i = 0; i < runs + 2; i++) {
                    peerRuns.add(peer.run());
                }
                Samples warm = new Samples(peerRuns.subList(2, peerRuns.size()).stream()
                        .mapToDouble(r -> peer.bars() * 1e9 / r.nanos()).toArray());
                int orclTrades = new Ta4jCrossover(BenchStrategy.candles(orcl), decimal).run().closedTrades();
                report.peer(decimal ? "DecimalNum (default)" : "DoubleNum", peer.bars() * 1e9 / peerRuns.getFirst().nanos(),
                        warm, peerRuns.getLast().closedTrades(), ours.closedTrades(), orclTrades, orclRun.closedTrades());
            }
            report.many(ManyStrategiesWorkload.run(catalog, small.file(), 100, runs));
            List<Candle> latencyBars = candles.subList(0, 60_000);
            report.latency(PaperLatencyWorkload.run(strategy, catalog, latencyBars, 10_000, fresh("paper")));
            report.history(historyThroughput(catalog, candles.subList(0, 50_000), 3));
            report.memory(MemoryProbe.perStrategy(catalog, strategy, candles.subList(0, 10_000), 100));
        }
        report.peak(MemoryProbe.peakRssBytes(), MemoryProbe.peakHeapBytes());
        report.print(System.out);
    }

    static BacktestResult backtest(PluginCatalog catalog, Path data, RecordLevel level) {
        Path db = level == RecordLevel.SUMMARY ? null : fresh("backtest");
        return BacktestRunner.run(new BacktestRequest(strategy, List.of(data), null, null, null, null, null, level,
                false, plugins, db), catalog);
    }

    private static Samples coldRuns(RecordLevel level, Path file, int n) throws Exception {
        double[] values = new double[n];
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder(java, "-Xmx2g", "-Dstratagem.root=" + root, "-cp",
                    System.getProperty("java.class.path"), StratagemBench.class.getName(), "--cold", level.name(),
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cold run failed: " + out);
            }
            values[i] = out.lines().filter(l -> l.startsWith("BARS_PER_SECOND ")).mapToDouble(
                    l -> Double.parseDouble(l.substring(16))).findFirst().orElseThrow();
        }
        return new Samples(values);
    }

    private static Samples historyThroughput(PluginCatalog catalog, List<Candle> bars, int repeats) {
        CycleCoordinator coordinator = BenchStrategy.coordinator(strategy, catalog, "bench-h2");
        List<CycleRecord> records = new ArrayList<>(bars.size());
        for (Candle bar : bars) {
            records.add(coordinator.runCycle(List.of(bar)));
        }
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            rates[i] = HistoryThroughput.recordsPerSecond(records, fresh("h2"));
        }
        return new Samples(rates);
    }

    private static int counter;

    static Path fresh(String name) {
        return work.resolve("db").resolve(name + "-" + ProcessHandle.current().pid() + "-" + (++counter));
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
