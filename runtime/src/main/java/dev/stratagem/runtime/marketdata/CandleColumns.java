package dev.stratagem.runtime.marketdata;

import dev.stratagem.api.Candle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * One symbol's bars stored as columns (a {@code long[]} of timestamps and a {@code double[]} per price and the
 * volume), read as an unmodifiable list of {@link Candle}s: {@link #get} makes the candle when asked.
 *
 * <p>A million-bar series is then six arrays instead of a million objects. A backtest keeps its whole series
 * alive while it replays; as objects, every young collection during the replay traced and copied them, and
 * each bar's first read missed the cache (1M-bar backtest without a database: 62-138 ms of collector pauses
 * a run as objects, 14-45 ms as columns; BENCHMARKS.md). A replayed candle is now a fresh, short-lived object.
 *
 * <p>Immutable once built; {@link #between} shares the arrays.
 */
public final class CandleColumns extends AbstractList<Candle> implements RandomAccess {

    private final String symbol;
    private final long[] ts;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int from;
    private final int size;

    private CandleColumns(String symbol, long[] ts, double[] open, double[] high, double[] low, double[] close,
            double[] volume, int from, int size) {
        this.symbol = symbol;
        this.ts = ts;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.from = from;
        this.size = size;
    }

    /** @return the symbol every bar carries */
    public String symbol() {
        return symbol;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Candle get(int index) {
        int i = from + java.util.Objects.checkIndex(index, size);
        return new Candle(symbol, ts[i], open[i], high[i], low[i], close[i], volume[i]);
    }

    /**
     * @param index a bar's position
     * @return its timestamp, without making the candle
     */
    public long ts(int index) {
        return ts[from + java.util.Objects.checkIndex(index, size)];
    }

    /**
     * @param fromTs the first timestamp kept (inclusive)
     * @param toTs the end (exclusive)
     * @return the bars with {@code fromTs <= ts < toTs}, sharing this list's arrays
     */
    public CandleColumns between(long fromTs, long toTs) {
        int first = lowerBound(fromTs);
        int end = Math.max(first, lowerBound(toTs));
        return new CandleColumns(symbol, ts, open, high, low, close, volume, first, end - first);
    }

    /** @return the absolute index of the first bar at or after {@code t} (timestamps strictly increase) */
    private int lowerBound(long t) {
        int i = Arrays.binarySearch(ts, from, from + size, t);
        return i >= 0 ? i : -i - 1;
    }

    /** Collects bars in strictly increasing time order, checking each as {@link Candle} does. */
    public static final class Builder {

        private final String symbol;
        private long[] ts = new long[256];
        private double[] open = new double[256];
        private double[] high = new double[256];
        private double[] low = new double[256];
        private double[] close = new double[256];
        private double[] volume = new double[256];
        private int size;

        /** @param symbol the symbol every bar carries */
        public Builder(String symbol) {
            this.symbol = java.util.Objects.requireNonNull(symbol, "symbol");
        }

        /**
         * Adds a bar after checking it as {@link Candle}'s constructor does.
         *
         * @return this
         */
        public Builder add(long t, double o, double h, double l, double c, double v) {
            if (size > 0 && t <= ts[size - 1]) {
                throw new IllegalArgumentException("ts " + t + " does not follow the previous bar's " + ts[size - 1]);
            }
            return addInFileOrder(t, o, h, l, c, v);
        }

        /**
         * Adds a bar that may be out of time order, for a reader that then keeps the bars in order ({@link #retain}).
         *
         * @return this
         */
        Builder addInFileOrder(long t, double o, double h, double l, double c, double v) {
            new Candle(symbol, t, o, h, l, c, v); // the checks and their messages; escape analysis drops the object
            if (size == ts.length) {
                int n = size * 2;
                ts = Arrays.copyOf(ts, n);
                open = Arrays.copyOf(open, n);
                high = Arrays.copyOf(high, n);
                low = Arrays.copyOf(low, n);
                close = Arrays.copyOf(close, n);
                volume = Arrays.copyOf(volume, n);
            }
            ts[size] = t;
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            size++;
            return this;
        }

        /** @return the bars' timestamps in the order added (the first {@link #size()}), not a copy */
        long[] times() {
            return ts;
        }

        /** Keeps the bars {@code kept} says, in their order, and drops the others. */
        void retain(boolean[] kept) {
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (kept[i]) {
                    ts[k] = ts[i];
                    open[k] = open[i];
                    high[k] = high[i];
                    low[k] = low[i];
                    close[k] = close[i];
                    volume[k] = volume[i];
                    k++;
                }
            }
            size = k;
        }

        /** @return how many bars were added */
        public int size() {
            return size;
        }

        /** @return the bars, the arrays trimmed to their size; the builder must not be used afterwards */
        public CandleColumns build() {
            return new CandleColumns(symbol, Arrays.copyOf(ts, size), Arrays.copyOf(open, size),
                    Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(close, size),
                    Arrays.copyOf(volume, size), 0, size);
        }
    }
}
