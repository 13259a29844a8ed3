package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Upper Donchian channel: the highest high of the {@code n} bars before this one (this bar excluded, so
 * {@code close > donchian_high_n} is a breakout). Needs {@code n + 1} bars.
 */
final class DonchianHighIndicator implements Indicator {

    private final int n;
    private final RollingMaximum highs;
    private double value = Double.NaN;

    DonchianHighIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "Donchian");
        this.highs = new RollingMaximum(n);
    }

    @Override
    public void update(Candle bar) {
        value = highs.full() ? highs.max() : Double.NaN;
        highs.push(bar.high());
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
