package dev.stratagem.bench;

import dev.stratagem.api.Candle;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.plugin.PluginCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory per strategy, measured in a fresh JVM so the rest of the bench does not blur it: retained heap after a
 * full GC and resident set size (VmRSS), each before the strategies exist, with N idle strategies, and after
 * 10,000 bars each; divided by N. Also the process peaks.
 */
final class MemoryProbe {

    private MemoryProbe() {}

    record PerStrategy(int strategies, double idleBytes, double afterBarsBytes, int bars, double idleRssBytes,
            double afterBarsRssBytes) {

        String line() {
            return "MEMORY " + strategies + " " + idleBytes + " " + afterBarsBytes + " " + bars + " " + idleRssBytes
                    + " " + afterBarsRssBytes;
        }

        static PerStrategy parse(String line) {
            String[] f = line.substring("MEMORY ".length()).trim().split(" ");
            return new PerStrategy(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
        }
    }

    static PerStrategy perStrategy(PluginCatalog catalog, Path strategy, List<Candle> bars, int n) {
        long base = usedAfterGc();
        long baseRss = rssBytes("VmRSS:");
        List<CycleCoordinator> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            live.add(BenchStrategy.coordinator(strategy, catalog, "mem-" + i));
        }
        long idle = usedAfterGc();
        long idleRss = rssBytes("VmRSS:");
        for (CycleCoordinator c : live) {
            for (Candle bar : bars) {
                c.runCycle(List.of(bar));
            }
        }
        long after = usedAfterGc();
        long afterRss = rssBytes("VmRSS:");
        PerStrategy result = new PerStrategy(n, (idle - base) / (double) n, (after - base) / (double) n, bars.size(),
                (idleRss - baseRss) / (double) n, (afterRss - baseRss) / (double) n);
        live.clear();
        return result;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** @return VmHWM of this process, or -1 off Linux */
    static long peakRssBytes() {
        return rssBytes("VmHWM:");
    }

    /** @return the /proc/self/status field ({@code VmRSS:} now, {@code VmHWM:} peak) in bytes, or -1 off Linux */
    private static long rssBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** @return the sum of the heap pools' peak usage */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
