package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Bollinger bands of the close: the middle band is the exact {@link SmaIndicator} over {@code n} bars (so
 * {@code bb_middle_n} is bit-identical to {@code sma_n}), the outer bands are {@code k} population
 * standard deviations above and below it. {@link #value()} is the middle band.
 */
final class BollingerIndicator implements Indicator {

    private final int n;
    private final double k;
    private final SmaIndicator middle;
    private final RollingMoments moments;

    BollingerIndicator(int n, double k) {
        this.n = Indicator.checkPeriod(n, 1, "Bollinger");
        this.k = k;
        this.middle = new SmaIndicator(n);
        this.moments = new RollingMoments(n);
    }

    @Override
    public void update(Candle bar) {
        middle.update(bar.close());
        moments.push(bar.close());
    }

    @Override
    public double value() {
        return middle.value();
    }

    double upper() {
        return moments.full() ? middle.value() + k * Math.sqrt(moments.populationVariance()) : Double.NaN;
    }

    double lower() {
        return moments.full() ? middle.value() - k * Math.sqrt(moments.populationVariance()) : Double.NaN;
    }

    @Override
    public int warmup() {
        return n;
    }
}
