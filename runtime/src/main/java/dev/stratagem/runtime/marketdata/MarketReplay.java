package dev.stratagem.runtime.marketdata;

import dev.stratagem.api.Candle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges several symbols' bar series into time slices: all bars with the same timestamp, in symbol order,
 * in increasing time. Each slice triggers one cycle, in a backtest and on the bus alike.
 */
public final class MarketReplay {

    private final List<List<Candle>> series;
    private final int[] cursor;

    /** @param series each symbol's bars in increasing time, in any order (the slices follow the symbols' order) */
    public MarketReplay(List<List<Candle>> series) {
        List<List<Candle>> bySymbol = new ArrayList<>(series);
        bySymbol.sort(Comparator.comparing(MarketReplay::symbol, Comparator.nullsLast(Comparator.naturalOrder())));
        this.series = List.copyOf(bySymbol);
        this.cursor = new int[series.size()];
    }

    public long totalBars() {
        long n = 0;
        for (List<Candle> s : series) {
            n += s.size();
        }
        return n;
    }

    /** @return the next slice, or an empty list when every series is exhausted */
    public List<Candle> next() {
        if (series.size() == 1) {
            List<Candle> only = series.getFirst();
            return cursor[0] < only.size() ? List.of(only.get(cursor[0]++)) : List.of();
        }
        long ts = Long.MAX_VALUE;
        for (int i = 0; i < series.size(); i++) {
            if (cursor[i] < series.get(i).size()) {
                ts = Math.min(ts, ts(series.get(i), cursor[i]));
            }
        }
        if (ts == Long.MAX_VALUE) {
            return List.of();
        }
        List<Candle> slice = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            List<Candle> s = series.get(i);
            if (cursor[i] < s.size() && ts(s, cursor[i]) == ts) {
                slice.add(s.get(cursor[i]++));
            }
        }
        return slice;
    }

    /** @return the symbol of a series, null for an empty one */
    private static String symbol(List<Candle> bars) {
        return bars.isEmpty() ? null : bars.getFirst().symbol();
    }

    /** A bar's time without making its candle when the bars are columns. */
    private static long ts(List<Candle> bars, int index) {
        return bars instanceof CandleColumns columns ? columns.ts(index) : bars.get(index).ts();
    }
}
