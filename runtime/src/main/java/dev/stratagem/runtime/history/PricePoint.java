package dev.stratagem.runtime.history;

/**
 * One point of a run's price series. {@code open}, {@code high}, {@code low} and {@code close} are set only
 * when the series is made of candles ({@link PriceSeries#candles()}), else they are {@code null}.
 *
 * @param sequence the cycle's number in its run
 * @param ts the bar time, epoch milliseconds
 * @param value the requested feature's value (the close for a candle)
 * @param open the bar's open, or {@code null}
 * @param high the bar's high, or {@code null}
 * @param low the bar's low, or {@code null}
 * @param close the bar's close, or {@code null}
 */
public record PricePoint(long sequence, long ts, double value, Double open, Double high, Double low, Double close) {

    PricePoint withValue(double v) {
        return new PricePoint(sequence, ts, v, open, high, low, close);
    }

    static PricePoint line(long sequence, long ts, double value) {
        return new PricePoint(sequence, ts, value, null, null, null, null);
    }
}
