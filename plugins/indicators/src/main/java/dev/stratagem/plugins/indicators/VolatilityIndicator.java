package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Rolling volatility: the sample standard deviation (denominator {@code n - 1}) of the last {@code n}
 * close-to-close log returns, not annualised. Needs {@code n + 1} bars.
 */
final class VolatilityIndicator implements Indicator {

    private final int n;
    private final RollingMoments returns;
    private double previousClose = Double.NaN;

    VolatilityIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 2, "volatility");
        this.returns = new RollingMoments(n);
    }

    @Override
    public void update(Candle bar) {
        if (!Double.isNaN(previousClose)) {
            returns.push(Math.log(bar.close() / previousClose));
        }
        previousClose = bar.close();
    }

    @Override
    public double value() {
        return returns.full() ? Math.sqrt(returns.sampleVariance()) : Double.NaN;
    }

    @Override
    public int warmup() {
        return n + 1;
    }
}
