package dev.stratagem.api;

import java.util.Arrays;

/**
 * How long each step of a cycle took, in nanoseconds; {@code 0} for a step that did not run.
 *
 * <p>Paper and live runs time every cycle. A backtest times one cycle in {@link #BACKTEST_SAMPLE} (cycles 1,
 * 65, 129, ...): its step times measure the simulator, not a market path, and reading the clock at every step
 * cost more than the steps of an idle cycle. The other cycles carry {@link #NONE} ({@link #timed()} is false).
 *
 * @param nanos one entry per {@link CycleStep}, indexed by ordinal
 */
public record StageTimings(long[] nanos) {

    /** A backtest times every this-many-th cycle (the first, then one in this many). */
    public static final int BACKTEST_SAMPLE = 64;

    /** The timings of a cycle that was not timed: all 0. */
    public static final StageTimings NONE = new StageTimings(new long[CycleStep.values().length]);

    /** Validates the length and copies the array. */
    public StageTimings {
        if (nanos.length != CycleStep.values().length) {
            throw new IllegalArgumentException("need " + CycleStep.values().length + " timings, got " + nanos.length);
        }
        nanos = nanos.clone();
    }

    /** @return a copy of the timings */
    @Override
    public long[] nanos() {
        return nanos.clone();
    }

    /**
     * @param step a step
     * @return its duration in nanoseconds
     */
    public long of(CycleStep step) {
        return nanos[step.ordinal()];
    }

    /** @return whether the cycle was timed: false for a backtest cycle outside the sample */
    public boolean timed() {
        for (long n : nanos) {
            if (n != 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the summed duration of all steps */
    public long total() {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageTimings other && Arrays.equals(nanos, other.nanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nanos);
    }

    @Override
    public String toString() {
        return "StageTimings" + Arrays.toString(nanos);
    }
}
