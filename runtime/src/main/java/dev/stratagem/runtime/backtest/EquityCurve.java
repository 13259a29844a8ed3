package dev.stratagem.runtime.backtest;

import java.util.Arrays;

/** A growable series of (time, equity) points without boxing. */
final class EquityCurve {

    private long[] ts;
    private double[] equity;
    private int size;

    /** @param expected how many points the run will add (one per cycle): no regrowth, no copies */
    EquityCurve(long expected) {
        int capacity = (int) Math.clamp(expected, 16, Integer.MAX_VALUE - 16);
        ts = new long[capacity];
        equity = new double[capacity];
    }

    void add(long time, double value) {
        if (size == ts.length) {
            ts = Arrays.copyOf(ts, size * 2);
            equity = Arrays.copyOf(equity, size * 2);
        }
        ts[size] = time;
        equity[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    double[] values() {
        return Arrays.copyOf(equity, size);
    }

    long[] times() {
        return Arrays.copyOf(ts, size);
    }
}
