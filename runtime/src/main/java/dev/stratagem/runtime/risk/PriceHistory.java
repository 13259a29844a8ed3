package dev.stratagem.runtime.risk;

import dev.stratagem.api.Candle;
import java.util.HashMap;
import java.util.Map;

/** Recent closes per symbol, shared by every strategy (a bar seen twice is kept once). Thread-safe. */
final class PriceHistory {

    /** A ring of the latest closes: fed every bar, so no boxed doubles. */
    private static final class Series {
        final double[] closes;
        int head = -1;
        int size;
        long lastTs = Long.MIN_VALUE;

        Series(int capacity) {
            closes = new double[Math.max(capacity, 1)];   // with room for none, the old deque kept none: returns() is empty either way
        }

        void add(double close) {
            head = head + 1 == closes.length ? 0 : head + 1;
            closes[head] = close;
            size = Math.min(size + 1, closes.length);
        }

        /** @param ago 0 for the latest close */
        double get(int ago) {
            int i = head - ago;
            return closes[i < 0 ? i + closes.length : i];
        }
    }

    private final int capacity;
    private final Map<String, Series> series = new HashMap<>();

    PriceHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Candle bar) {
        Series s = series.get(bar.symbol());
        if (s == null) {
            s = new Series(capacity);
            series.put(bar.symbol(), s);
        }
        if (bar.ts() <= s.lastTs) {
            return;
        }
        s.lastTs = bar.ts();
        s.add(bar.close());
    }

    /** @return up to {@code window} most recent simple returns, oldest first */
    synchronized double[] returns(String symbol, int window) {
        Series s = series.get(symbol);
        if (s == null || s.size < 2) {
            return new double[0];
        }
        int n = Math.min(window, s.size - 1);
        double[] r = new double[n];
        double next = s.get(0);
        for (int i = n - 1; i >= 0; i--) {
            double prev = s.get(n - i);
            r[i] = next / prev - 1;
            next = prev;
        }
        return r;
    }
}
