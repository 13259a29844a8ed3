package dev.stratagem.runtime.history;

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
}
