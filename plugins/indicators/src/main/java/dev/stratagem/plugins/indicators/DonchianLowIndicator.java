package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Lower Donchian channel: the lowest low of the {@code n} bars before this one (this bar excluded).
 * Needs {@code n + 1} bars.
 */
final class DonchianLowIndicator implements Indicator {

    private final int n;
    private final RollingMaximum negatedLows; // min(x) == -max(-x), and negation is exact
    private double value = Double.NaN;

    DonchianLowIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "Donchian");
        this.negatedLows = new RollingMaximum(n);
    }

    @Override
    public void update(Candle bar) {
        value = negatedLows.full() ? -negatedLows.max() : Double.NaN;
        negatedLows.push(-bar.low());
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public int warmup() {
        return n + 1;
    }
}
