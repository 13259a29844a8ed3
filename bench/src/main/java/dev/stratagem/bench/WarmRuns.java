package dev.stratagem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A workload repeated in one JVM until it is warm, then measured: at least {@value #MIN_WARMUPS} discarded runs
 * and at least {@value #WARMUP_SECONDS} s of them (at most {@value #MAX_WARMUPS}), then the measured runs. Ours and
 * the peer's backtests warm up by the same rule.
 *
 * <p>Two discarded runs were not enough: a backtest recording its history kept speeding up until its sixth or
 * seventh 1M-bar run (1.07-1.46M bars/s in runs 1-5, 1.6-2.1M from run 7 on, 16 runs in one JVM at 58f314e),
 * while the JIT compiled the history writer's and H2's code on the same two cores. Ten seconds were not enough
 * either: what runs once a backtest (opening and migrating the H2 file, Flyway, Jdbi, the YAML config) reaches
 * the compile thresholds only after many runs, and a C2 thread still took half a core during the measured runs
 * (100-300 compilations every 2 s, 20-38 s into a JVM). At 6034f25, record activity measured 1,679,126 and
 * 1,941,125 bars/s after 10 s, 2,328,978 and 2,285,266 after 30 s, 2,052,259 after 60 s
 * ({@code bench/run --only backtest --levels activity --runs 5 --cold-runs 0 --warmup-seconds N}, alternating).
 *
 * <p>Only the first warm-up's result is kept (a backtest's result holds its trade list; forty of them would grow the
 * old generation the measured runs collect).
 *
 * @param <T> a run's result
 * @param first the first (coldest) run's result
 * @param warmups how many runs were discarded
 * @param measured the measured runs, in order
 */
record WarmRuns<T>(T first, int warmups, List<T> measured) {

    static final int MIN_WARMUPS = 2;
    static final int WARMUP_SECONDS = 30;
    /** The warm-up in seconds for this bench run: {@code --warmup-seconds}, else {@link #WARMUP_SECONDS}. */
    static int warmupSeconds = WARMUP_SECONDS;
    static final int MAX_WARMUPS = 40;

    /**
     * @param workload one run
     * @param runs how many to measure
     * @return the runs
     */
    static <T> WarmRuns<T> of(Supplier<T> workload, int runs) {
        return of(workload, runs, warmupSeconds * 1_000_000_000L, System::nanoTime);
    }

    /** As {@link #of(Supplier, int)}, warming up for at least {@code warmupNanos} as {@code clock} counts them. */
    static <T> WarmRuns<T> of(Supplier<T> workload, int runs, long warmupNanos, LongSupplier clock) {
        long started = clock.getAsLong();
        T first = workload.get();
        int warmups = 1;
        while (warmups < MIN_WARMUPS || (clock.getAsLong() - started < warmupNanos && warmups < MAX_WARMUPS)) {
            workload.get();
            warmups++;
        }
        List<T> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            measured.add(workload.get());
        }
        return new WarmRuns<>(first, warmups, List.copyOf(measured));
    }

    /** @return the last measured run */
    T last() {
        return measured.getLast();
    }
}
