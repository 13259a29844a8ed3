package dev.stratagem.runtime.backtest;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a replay's wall time went. The CPU split over the timed window goes into the result ({@link ReplayCpu}); the
 * whole account is logged at debug level when the replay ends: the loop, the loop thread's CPU time, the
 * CPU time of the process's other threads meanwhile (history writer, database, collector, JIT) and the history
 * writer's thread's share of it, the JIT's compile time (the JVM's count: compilations' elapsed time), the collector's
 * time (its pauses; with G1 its concurrent work too) and the wait for the history writer to drain. The numbers are
 * the JVM's: with backtests running side by side each one's log counts the others' collector and threads. A replay much slower than its thread's CPU
 * time waited for something else: pauses, or other threads (the history writer, the database) on too few cores.
 */
final class ReplayClock {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayClock.class);

    private final boolean on = LOG.isDebugEnabled();
    /** The history writer's thread's CPU time so far, nanoseconds (0 without one). */
    private final LongSupplier writerCpu;
    private final long writerStarted;
    private final long compileStarted;
    private final long started = System.nanoTime();
    /** The CPU time of the loop's thread so far (the threads, after a script call on one was abandoned). */
    private final LongSupplier loopCpu;
    private final long cpuStarted;
    private final long gcStarted = on ? gcMillis() : 0;
    private final long processStarted = processCpu();
    private long loopEnded;
    private long cpuLoop;
    private long processLoop;
    private long writerLoop;
    private long compileLoop;

    /**
     * @param writerCpu the history writer's thread's CPU time so far in nanoseconds ({@code () -> 0} without one)
     * @param loopCpu the CPU time of the thread running the loop so far, in nanoseconds
     */
    ReplayClock(LongSupplier writerCpu, LongSupplier loopCpu) {
        this.writerCpu = writerCpu;
        this.loopCpu = loopCpu;
        this.cpuStarted = loopCpu.getAsLong();
        this.writerStarted = writerCpu.getAsLong();
        this.compileStarted = on ? compileMillis() : 0;
    }

    /** The replay loop is done; what follows is the drain. */
    void loopDone() {
        loopEnded = System.nanoTime();
        // the debug line's loop-only split; the result's (cpu()) is read once, after the drain
        cpuLoop = on ? loopCpu.getAsLong() - cpuStarted : 0;
        processLoop = on ? processCpu() - processStarted : 0;
        writerLoop = on ? writerCpu.getAsLong() - writerStarted : 0;
        compileLoop = on ? compileMillis() - compileStarted : 0;
    }

    /**
     * @param bars the bars replayed
     * @param recorded the cycles handed to the history writer
     * @return the wall time since this clock was made, in nanoseconds
     */
    long finish(long bars, long recorded) {
        long end = System.nanoTime();
        if (on) {
            LOG.debug("replay: {} bars in {} ms (loop {} ms, its thread on CPU {} ms, the other threads {} ms, the history "
                    + "writer's thread {} ms of that; the JIT compiling {} ms, collector pauses {} ms), {} cycles "
                    + "recorded, history drain {} ms", bars, (end - started) / 1_000_000, (loopEnded - started) / 1_000_000,
                    cpuLoop / 1_000_000, Math.max(0, processLoop - cpuLoop) / 1_000_000, writerLoop / 1_000_000,
                    compileLoop, gcMillis() - gcStarted, recorded, (end - loopEnded) / 1_000_000);
        }
        return end - started;
    }

    /**
     * @return where the CPU time went from this clock's start to now: the window {@link #finish} times, the loop
     *     and the history drain (call after it)
     */
    ReplayCpu cpu() {
        long loop = loopCpu.getAsLong() - cpuStarted;
        return new ReplayCpu(loop, Math.max(0, processCpu() - processStarted - loop),
                writerCpu.getAsLong() - writerStarted);
    }

    /** @return the CPU time of the calling thread in nanoseconds, or 0 where the JVM does not measure it */
    static long currentThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? Math.max(0, threads.getCurrentThreadCpuTime()) : 0;
    }

    /** @return the process's CPU time in nanoseconds, all threads (the JIT's and the collector's too), or 0 */
    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** @return the JIT's total compile time in milliseconds, or 0 where the JVM does not measure it */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
