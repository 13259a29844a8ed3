package dev.stratagem.runtime.backtest;

/**
 * Where a replay's CPU time went over the window its elapsed time covers (the loop, then the history drain): the
 * loop's thread, and every other thread of the process (the history writer, the database, the collector, the JIT),
 * the history writer's thread's share of those shown apart. Set against the elapsed time, it says whether the loop
 * waited: on a machine whose two vCPUs share one core, a recorded backtest's wall time is close to the loop's thread
 * and the other threads added up, and the loop's thread itself takes longer than at record summary (BENCHMARKS.md).
 *
 * @param loopThreadNanos the CPU time of the thread running the loop (the threads, after a script call on one was
 *     abandoned), 0 where the JVM does not measure it
 * @param otherThreadsNanos the process's other threads' CPU time meanwhile, 0 where the JVM does not measure it
 * @param writerNanos the history writer's thread's share of {@code otherThreadsNanos}, 0 without a history
 */
public record ReplayCpu(long loopThreadNanos, long otherThreadsNanos, long writerNanos) {}
