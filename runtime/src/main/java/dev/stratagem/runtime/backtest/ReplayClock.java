package dev.stratagem.runtime.backtest;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a replay's wall time went, logged at debug level when it ends: the loop, the loop thread's CPU time, the
 * collector's pauses and the wait for the history writer to drain. A replay much slower than its thread's CPU
 * time waited for something else: pauses, or other threads (the history writer, the database) on too few cores.
 */
final class ReplayClock {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayClock.class);

    private final boolean on = LOG.isDebugEnabled();
    private final long started = System.nanoTime();
    private final long cpuStarted = on ? cpu() : 0;
    private final long gcStarted = on ? gcMillis() : 0;
    private long loopEnded;
    private long cpuLoop;

    /** The replay loop is done; what follows is the drain. */
    void loopDone() {
        loopEnded = System.nanoTime();
        cpuLoop = on ? cpu() - cpuStarted : 0;
    }

    /**
     * @param bars the bars replayed
     * @param recorded the cycles handed to the history writer
     * @return the wall time since this clock was made, in nanoseconds
     */
    long finish(long bars, long recorded) {
        long end = System.nanoTime();
        if (on) {
            LOG.debug("replay: {} bars in {} ms (loop {} ms, its thread on CPU {} ms, collector pauses {} ms), "
                    + "{} cycles recorded, history drain {} ms", bars, (end - started) / 1_000_000,
                    (loopEnded - started) / 1_000_000, cpuLoop / 1_000_000, gcMillis() - gcStarted, recorded,
                    (end - loopEnded) / 1_000_000);
        }
        return end - started;
    }

    private static long cpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
