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

/** Heap per strategy (retained after a full GC, idle and after 10,000 bars) and the process peaks. */
final class MemoryProbe {

    private MemoryProbe() {}

    record PerStrategy(int strategies, double idleBytes, double afterBarsBytes, int bars) {}

    static PerStrategy perStrategy(PluginCatalog catalog, Path strategy, List<Candle> bars, int n) {
        long base = usedAfterGc();
        List<CycleCoordinator> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            live.add(BenchStrategy.coordinator(strategy, catalog, "mem-" + i));
        }
        long idle = usedAfterGc();
        for (CycleCoordinator c : live) {
            for (Candle bar : bars) {
                c.runCycle(List.of(bar));
            }
        }
        long after = usedAfterGc();
        PerStrategy result = new PerStrategy(n, (idle - base) / (double) n, (after - base) / (double) n, bars.size());
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
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
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
