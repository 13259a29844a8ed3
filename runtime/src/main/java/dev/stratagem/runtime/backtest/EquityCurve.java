package dev.stratagem.runtime.backtest;

import java.util.Arrays;

/** A growable series of (time, equity) points without boxing. */
final class EquityCurve {

    private long[] ts = new long[1024];
    private double[] equity = new double[1024];
    private int size;

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
