package dev.stratagem.runtime.risk;

import dev.stratagem.api.Candle;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Recent closes per symbol, shared by every strategy (a bar seen twice is kept once). Thread-safe. */
final class PriceHistory {

    private record Series(ArrayDeque<Double> closes, long[] lastTs) {}

    private final int capacity;
    private final Map<String, Series> series = new HashMap<>();

    PriceHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Candle bar) {
        Series s = series.computeIfAbsent(bar.symbol(), k -> new Series(new ArrayDeque<>(), new long[] {Long.MIN_VALUE}));
        if (bar.ts() <= s.lastTs()[0]) {
            return;
        }
        s.lastTs()[0] = bar.ts();
        s.closes().addLast(bar.close());
        if (s.closes().size() > capacity) {
            s.closes().removeFirst();
        }
    }

    /** @return up to {@code window} most recent simple returns, oldest first */
    synchronized double[] returns(String symbol, int window) {
        Series s = series.get(symbol);
        if (s == null || s.closes().size() < 2) {
            return new double[0];
        }
        int n = Math.min(window, s.closes().size() - 1);
        double[] r = new double[n];
        Iterator<Double> it = s.closes().descendingIterator();
        double next = it.next();
        for (int i = n - 1; i >= 0; i--) {
            double prev = it.next();
            r[i] = next / prev - 1;
            next = prev;
        }
        return r;
    }
}
