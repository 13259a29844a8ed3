package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.config.RunConfig;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.kernel.Addresses;
import dev.stratagem.runtime.kernel.Kernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Issue #3, item 8: file move -> new version serving, p50 / p99 over {@code reloads} hot swaps (default 60)
 * of reload-probe on strategy S with the default debounce, and the longest cycle of strategy T (which keeps
 * running on other plugins) during the reloads against its median. Run from runtime/ after the test build:
 * {@code java -cp target/test-classes:target/classes:target/lib/* -Dstratagem.plugins.dir=target/plugins
 * -Dstratagem.test.plugins.dir=target/test-plugins -Dstratagem.data.dir=data
 * dev.stratagem.runtime.plugin.reload.ReloadBenchmark [reloads]}.
 */
public final class ReloadBenchmark {

    private ReloadBenchmark() {}

    /** @param args optional: the number of reloads */
    public static void main(String[] args) throws Exception {
        int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path tmp = Files.createTempDirectory("reload-bench");
        Path plugins = ReloadFixture.pluginsWithV1(tmp);
        Path run = HotReloadEndToEndTest.runFile(tmp, 86_400_000.0 / 2);
        Kernel kernel = Kernel.start(run, RunConfig.load(run), plugins, tmp.resolve("history"),
                ReloadSettings.defaults(plugins).withVersions(tmp.resolve("versions")));
        ReloadFixture.Events events = new ReloadFixture.Events();
        kernel.hotReload().onEvent(e -> events.queue.add(e));
        List<Long> tCycles = Collections.synchronizedList(new ArrayList<>());
        kernel.vertx().eventBus().<CycleRecord>consumer(Addresses.cycleResult("t"),
                m -> tCycles.add(m.body().timings().total()));
        List<Double> serving = new ArrayList<>();
        List<Double> delivered = new ArrayList<>();
        List<String> slowest = new ArrayList<>();
        long[] phases = new long[4];
        try {
            HotReloadEndToEndTest.awaitRecorded(kernel, 200);
            int baseline = tCycles.size();
            for (int i = 0; i < reloads; i++) {
                long moved = System.nanoTime();
                long movedAt = System.currentTimeMillis();
                ReloadFixture.drop(ReloadFixture.jar(i % 2 == 0 ? "reload-v2" : "reload-v1"), plugins, "reload-probe.jar");
                ReloadEvent e = events.next(Duration.ofSeconds(20));
                double ms = (System.nanoTime() - moved) / 1e6;
                // the event is stamped when the swap completed (s took the new version at its cycle boundary);
                // its H2 write and the listeners come after: "delivered" includes them
                delivered.add(ms);
                serving.add((double) (e.at() - movedAt));
                long phased = (e.detectMicros() + e.loadMicros() + e.validateMicros() + e.swapMicros()) / 1_000;
                slowest.add(String.format(Locale.ROOT, "%06d ms serving, %08.1f ms delivered #%d: before detect %d, recorded+notified %d; detect %.1f,"
                        + " load %.1f, validate %.1f, swap %.1f", e.at() - movedAt, ms, i, e.at() - movedAt - phased,
                        Math.round(ms) - (e.at() - movedAt), e.detectMicros() / 1e3, e.loadMicros() / 1e3, e.validateMicros() / 1e3, e.swapMicros() / 1e3));
                if (!ReloadEvent.SWAPPED.equals(e.outcome())) {
                    throw new AssertionError("reload " + i + ": " + e);
                }
                phases[0] += e.detectMicros();
                phases[1] += e.loadMicros();
                phases[2] += e.validateMicros();
                phases[3] += e.swapMicros();
            }
            List<Long> cycles;
            synchronized (tCycles) {   // the bus still adds t's cycles: copy under the list's lock, then cut
                cycles = new ArrayList<>(tCycles);
            }
            List<Long> before = new ArrayList<>(cycles.subList(0, baseline));
            List<Long> during = new ArrayList<>(cycles.subList(baseline, cycles.size()));
            Collections.sort(serving);
            Collections.sort(delivered);
            Collections.sort(before);
            Collections.sort(during);
            double median = before.get(before.size() / 2) / 1e6;
            double worst = during.getLast() / 1e6;
            System.out.printf(Locale.ROOT, "reloads: %d, move -> serving p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                    + " move -> event recorded and delivered p50 %.1f ms, p99 %.1f ms%n",
                    reloads, pct(serving, 50), pct(serving, 99), serving.getLast(), pct(delivered, 50), pct(delivered, 99));
            slowest.sort(Collections.reverseOrder());
            System.out.println("slowest: " + String.join("\n         ", slowest.subList(0, Math.min(5, slowest.size()))));
            System.out.printf(Locale.ROOT, "mean phases: detect %.1f ms, load %.1f ms, validate %.1f ms, swap %.1f ms%n",
                    phases[0] / 1e3 / reloads, phases[1] / 1e3 / reloads, phases[2] / 1e3 / reloads, phases[3] / 1e3 / reloads);
            System.out.printf(Locale.ROOT, "strategy t (keeps running): %d cycles during reloads, median cycle before %.3f ms,"
                    + " longest during %.3f ms, p99 during %.3f ms: largest delay added %.3f ms%n", during.size(), median,
                    worst, during.get((int) (during.size() * 0.99)) / 1e6, Math.max(0, worst - median));
        } finally {
            kernel.shutdown("benchmark over");
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }
}
