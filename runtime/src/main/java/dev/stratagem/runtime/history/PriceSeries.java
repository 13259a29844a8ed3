package dev.stratagem.runtime.history;

import java.util.Comparator;
import java.util.List;

/**
 * A run's price series for the console's chart, read from the features its cycles recorded. Candles need the
 * pipeline to have produced {@code open}, {@code high}, {@code low} and {@code close}; otherwise the series is
 * the one feature asked for (a line) and {@code note} says why there are no candles.
 *
 * @param feature the feature the points' {@code value} holds ({@code close} for candles)
 * @param symbol the symbol the points are of ({@code null} when there are none)
 * @param candles whether every point carries open, high, low and close
 * @param note why the series is a line, empty for candles
 * @param points the points, by sequence, sampled evenly
 */
public record PriceSeries(String feature, String symbol, boolean candles, String note, List<PricePoint> points) {

    public PriceSeries {
        points = List.copyOf(points);
    }

    /**
     * The open, high, low and close features one sampled cycle recorded for one symbol.
     *
     * @param symbol the symbol
     * @param point the cycle's sequence and time, and the four features ({@code null} where not recorded)
     */
    record Bar(String symbol, PricePoint point) {
        /** By cycle, then symbol. */
        static final Comparator<Bar> ORDER = Comparator.comparingLong((Bar b) -> b.point().sequence())
                .thenComparing(Bar::symbol);

        boolean isCandle() {
            return point.open() != null && point.high() != null && point.low() != null && point.close() != null;
        }
    }

    /** A feature other than the close: its line. */
    static PriceSeries line(String feature, List<SeriesPoint> points) {
        return new PriceSeries(feature, null, false, "the chart shows the feature '" + feature + "', not candles",
                points.stream().map(p -> PricePoint.line(p.sequence(), p.ts(), p.value())).toList());
    }

    /**
     * The close's candles when the run recorded open, high, low and close, else the close line. Candles are of
     * one symbol: the first, by name, that the first sampled cycle priced.
     *
     * @param bars the sampled cycles' bars, by sequence and symbol
     */
    static PriceSeries close(List<Bar> bars) {
        String symbol = bars.stream().filter(r -> r.point().close() != null).map(Bar::symbol).findFirst()
                .orElse(null);
        List<PricePoint> candles = bars.stream().filter(r -> r.symbol().equals(symbol) && r.isCandle())
                .map(r -> r.point().withValue(r.point().close())).toList();
        if (!candles.isEmpty()) {
            return new PriceSeries("close", symbol, true, "", candles);
        }
        List<PricePoint> closes = bars.stream().filter(r -> r.symbol().equals(symbol) && r.point().close() != null)
                .map(r -> PricePoint.line(r.point().sequence(), r.point().ts(), r.point().close())).toList();
        return new PriceSeries("close", symbol, false, closes.isEmpty() ? "the run recorded no close feature"
                : "the run's features pipeline produced no open, high and low features, so there are no candles",
                closes);
    }
}
