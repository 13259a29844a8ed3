package dev.stratagem.api;

import java.util.Arrays;

/**
 * How long each step of a cycle took, in nanoseconds; {@code 0} for a step that did not run.
 *
 * @param nanos one entry per {@link CycleStep}, indexed by ordinal
 */
public record StageTimings(long[] nanos) {

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
