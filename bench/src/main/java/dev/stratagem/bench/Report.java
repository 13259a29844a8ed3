package dev.stratagem.bench;

import static dev.stratagem.bench.StratagemBench.fmt;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.stratagem.runtime.backtest.BacktestResult;
import dev.stratagem.runtime.config.RecordLevel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects the numbers and prints the Markdown report, machine and goals included. */
final class Report {

    private final List<String> rows = new ArrayList<>();
    private final List<String> goals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> profile = new ArrayList<>();

    /** Issue #7's goal for the Java crossover at record activity, warm, in bars per second. */
    static final double ACTIVITY_GOAL = 3_000_000;
    /** Issue #7's goal for the same run against ta4j's default (DecimalNum) in the same run. */
    static final double PEER_RATIO_GOAL = 10;
    private double activityWarm = Double.NaN;
    private double decimalRatio = Double.NaN;

    void data(SyntheticSeries.Written w, long nanos) {
        notes.add(fmt("data: %s, %,d bars, sha256 %s (generated in %.1f s, with 100,000- and 10,000-bar prefixes)",
                StratagemBench.root.relativize(w.file()), w.bars(), w.sha256(), nanos / 1e9));
        notes.add(fmt("warm: the measured runs in one JVM after at least %d discarded runs and %d s of them (ours and "
                + "ta4j alike; ta4j in a JVM of its own, right after our backtests); cold: one run in a fresh JVM (for "
                + "ta4j: the first run in its JVM%s)",
                WarmRuns.MIN_WARMUPS, WarmRuns.warmupSeconds,
                Machine.preTouched() ? ", whose heap is touched at start as for its warm runs; ours are not" : ""));
    }

    void backtest(String composer, RecordLevel level, long bars, Samples cold, Samples warm, BacktestResult r) {
        rows.add(fmt("| backtest SMA 10/30, %s, record %s, %,d bars | bars/s | %s | %s |",
                composer, level.name().toLowerCase(), bars, cold.describe("%,.0f"), warm.describe("%,.0f")));
        if (level == RecordLevel.ACTIVITY) {
            activityWarm = warm.median();
            goal("Java SMA crossover, record activity, warm >= 3,000,000 bars/s", activityWarm, ACTIVITY_GOAL, true,
                    "%,.0f bars/s");
            notes.add(fmt("our run on the series: %d closed trades, %d cycles recorded, digest %s", r.closedTrades(),
                    r.recordedCycles(), r.resultDigest()));
        }
    }

    /** The wall time of the backtests' whole runs, the row after their bars per second. */
    void backtestWall(RecordLevel level, Samples wallMillis) {
        rows.add(fmt("| same, record %s: wall time of the whole run (config, cached data, loop, trade list, history"
                + " file closed, then deleted by the bench) | ms | | %s |", level.name().toLowerCase(), wallMillis.describe("%,.0f")));
    }

    /**
     * Where the backtests' CPU time went over the window their bars/s time (the loop and the history drain), the row
     * after their wall time: the loop's thread against that time says whether it waited, the other threads for what.
     */
    void backtestCpu(RecordLevel level, Samples loopThread, Samples otherThreads, Samples writer) {
        rows.add(fmt("| same, record %s: CPU time of the timed loop and drain: the loop's thread / the other"
                + " threads (history writer, H2, collector, JIT) / the history writer alone, medians | ms | |"
                + " %,.0f / %,.0f / %,.0f |",
                level.name().toLowerCase(), loopThread.median(), otherThreads.median(), writer.median()));
    }

    /** A script composer at record summary, checked against the Java plugin's run on the same series. */
    void script(String language, long bars, Samples cold, Samples warm, BacktestResult r, BacktestResult java) {
        backtest(language + " composer (Graal JIT)", RecordLevel.SUMMARY, bars, cold, warm, r);
        boolean same = r.resultDigest().equals(java.resultDigest());
        notes.add(fmt("%s composer on the series: %d closed trades, digest %s (%s the Java plugin's)", language,
                r.closedTrades(), r.resultDigest(), same ? "identical to" : "DIFFERENT from"));
        double goal = language.equals("JavaScript") ? 500_000 : 250_000;
        goal(fmt("%s SMA crossover, warm >= %,.0f bars/s", language, goal), warm.median(), goal, true, "%,.0f bars/s");
    }

    void peer(String num, double cold, Samples warm, int trades, long ourTrades, int orclTrades, long ourOrcl) {
        rows.add(fmt("| ta4j 0.17 %s, same SMA 10/30 on the same series | bars/s | %,.0f (first run in its JVM) | %s |",
                num, cold, warm.describe("%,.0f")));
        double ratio = activityWarm / warm.median();
        rows.add(fmt("| ratio Stratagem (activity) / ta4j %s | x | | %.2f |", num, ratio));
        notes.add(fmt("trade count check, ta4j %s vs Stratagem: series %d vs %d (%s); ORCL 1995-2014 %d vs %d (%s)",
                num, trades, ourTrades, trades == ourTrades ? "match" : "DIFFER", orclTrades, ourOrcl,
                orclTrades == ourOrcl ? "match" : "DIFFER"));
        if (num.startsWith("Decimal")) {
            decimalRatio = ratio;
            goal("at least 10x ta4j (default DecimalNum) in the same run", ratio, PEER_RATIO_GOAL, true, "%.2fx");
        }
    }

    /** @return whether record activity was measured and missed a goal: its bars/s, or its ratio to ta4j if run */
    boolean activityMissed() {
        return activityWarm < ACTIVITY_GOAL || decimalRatio < PEER_RATIO_GOAL;
    }

    void many(ManyStrategiesWorkload.Result r) {
        rows.add(fmt("| %d strategies x %,d bars in one runtime (%d threads, CSV load included) | s | %.2f | %s |",
                r.strategies(), r.barsEach(), Runtime.getRuntime().availableProcessors(), r.coldSeconds(),
                r.warmSeconds().describe("%.2f")));
        goal("100 strategies x 10,000 bars under 2 s (warm)", r.warmSeconds().median(), 2, false, "%.2f s");
    }

    void latency(PaperLatencyWorkload.Result r) {
        Samples micros = r.micros();
        rows.add(fmt("| paper cycle latency through the kernel, bar close on the bus -> cycle recorded and published "
                + "(%,.0f bars/s, %,d cycles after 5,000 warm-up) | us | | p50 %.1f / p99 %.1f / p99.9 %.1f / max %.0f |",
                r.barsPerSecond(), micros.values().length, micros.quantile(0.5), micros.quantile(0.99),
                micros.quantile(0.999), micros.max()));
        rows.add(fmt("| of which: dispatch, bar close published -> delivered on the strategy's thread / the cycle's "
                + "steps | us | | p50 %.1f / %.1f, p99 %.1f / %.1f |", r.dispatchMicros().quantile(0.5),
                r.stepsMicros().quantile(0.5), r.dispatchMicros().quantile(0.99), r.stepsMicros().quantile(0.99)));
        goal("paper cycle p99 under 1 ms", micros.quantile(0.99) / 1000, 1, false, "%.3f ms");
    }

    void history(Samples perCycle, Samples inBlocks) {
        rows.add(fmt("| H2 history write throughput (50,000 cycle records, fresh file): one row per cycle (paper, live;"
                + " HistoryWriter) | records/s | | %s |", perCycle.describe("%,.0f")));
        rows.add(fmt("| same records in blocks (backtests; BlockRecorder, encoding included) | records/s | | %s |",
                inBlocks.describe("%,.0f")));
    }

    void memory(MemoryProbe.PerStrategy m) {
        rows.add(fmt("| per strategy, fresh JVM, %d strategies: retained heap after full GC, idle / after %,d bars "
                + "| MB | | %.3f / %.3f |", m.strategies(), m.bars(), m.idleBytes() / 1e6, m.afterBarsBytes() / 1e6));
        rows.add(fmt("| per strategy, same JVM: resident set (VmRSS) growth, idle / after %,d bars | MB | | %.3f / %.3f |",
                m.bars(), m.idleRssBytes() / 1e6, m.afterBarsRssBytes() / 1e6));
        goal("peak heap under 64 MB per idle strategy", m.idleBytes() / 1e6, 64, false, "%.3f MB");
    }

    void scriptReload(String language, Samples millis) {
        rows.add(fmt("| %s script reload, save -> new version serving (build in a fresh context + replay of 20 "
                + "contexts) | ms | | p50 %.0f / p99 %.0f / max %.0f (n=%d) |", language.equals("js") ? "JavaScript"
                : "Python", millis.quantile(0.5), millis.quantile(0.99), millis.max(), millis.values().length));
        double goal = language.equals("js") ? 500 : 1_500;
        goal(fmt("%s script reload p99 under %,.0f ms", language.equals("js") ? "JavaScript" : "Python", goal),
                millis.quantile(0.99), goal, false, "%.0f ms");
    }

    void pluginReload(String summary) {
        rows.add(fmt("| plugin jar reload in a running kernel (ReloadBenchmark) | ms | | %s |", summary));
    }

    void peak(long rss, long heap) {
        rows.add(fmt("| whole bench JVM: peak RSS / peak heap%s | MB | | %.0f / %.0f |",
                Machine.preTouched() ? " (RSS: the whole heap, touched at start)" : "", rss / 1e6, heap / 1e6));
    }

    private void goal(String what, double value, double target, boolean atLeast, String format) {
        boolean met = atLeast ? value >= target : value < target;
        String by = met ? "met" : fmt("MISSED by %.0f%%", 100 * Math.abs(value - target) / target);
        goals.add(fmt("- %s: " + format + " -> %s", what, value, by));
    }

    /**
     * Where the time of a missed goal's workload went, printed after the goals.
     *
     * @param what the workload and how it was profiled
     * @param p its profile
     */
    void profile(String what, CpuProfile p) {
        profile.add("");
        profile.add("Where the time goes, " + what + ":");
        p.lines().forEach(l -> profile.add("- " + l));
    }

    void print(PrintStream out) {
        out.println("## Stratagem bench");
        out.println();
        Machine.describe().forEach(l -> out.println("- " + l));
        notes.forEach(l -> out.println("- " + l));
        out.println();
        out.println("| workload | unit | cold: median (min..max) | warm: median (min..max) |");
        out.println("|---|---|---|---|");
        rows.forEach(out::println);
        out.println();
        out.println("Goals (2 shared cores):");
        goals.forEach(out::println);
        profile.forEach(out::println);
    }

    /** The machine the numbers come from. */
    static final class Machine {
        static List<String> describe() {
            List<String> lines = new ArrayList<>();
            lines.add(fmt("machine: %d cores (nproc), %s, %s memory", Runtime.getRuntime().availableProcessors(),
                    cpu(), memTotal()));
            lines.add(fmt("JDK: %s %s (%s), max heap %d MB%s, GC %s", System.getProperty("java.vm.name"),
                    System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                    Runtime.getRuntime().maxMemory() >> 20, preTouched() ? " (committed and touched at start, as the "
                            + "peer's; the cold runs' JVMs not)" : "", gc()));
            return lines;
        }

        /** @return whether this JVM's heap was touched at start ({@code -XX:+AlwaysPreTouch}, see bench/run) */
        static boolean preTouched() {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("AlwaysPreTouch").getValue());
        }

        private static String cpu() {
            return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
        }

        private static String memTotal() {
            return procLine("/proc/meminfo", "MemTotal").map(v -> fmt("%.1f GB",
                    Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)).orElse("?");
        }

        private static String gc() {
            return String.join("+", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        }

        private static java.util.Optional<String> procLine(String file, String key) {
            try {
                return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
            } catch (java.io.IOException e) {
                return java.util.Optional.empty();
            }
        }
    }
}
