package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Exponential moving average of the close: seeded with the simple mean of the first {@code n} values,
 * then {@code ema += alpha * (x - ema)} with {@code alpha = 2 / (n + 1)}.
 */
final class EmaIndicator implements Indicator {

    private final int n;
    private final double alpha;
    private int count;
    private double seedSum;
    private double ema = Double.NaN;

    EmaIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "EMA");
        this.alpha = 2.0 / (n + 1);
    }

    @Override
    public void update(Candle bar) {
        update(bar.close());
    }

    void update(double x) {
        if (count < n) {
            seedSum += x;
            if (++count == n) {
                ema = seedSum / n;
            }
        } else {
            ema += alpha * (x - ema);
        }
    }

    @Override
    public double value() {
        return ema;
    }

    @Override
    public int warmup() {
        return n;
    }
}
