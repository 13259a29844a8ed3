package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/** The raw fields of the latest bar ({@code close}, {@code open}, ...); {@link #value()} is the close. */
final class LatestBarIndicator implements Indicator {

    private Candle bar;

    @Override
    public void update(Candle bar) {
        this.bar = bar;
    }

    @Override
    public double value() {
        return field(BarField.CLOSE);
    }

    /** @return a field of the latest bar, {@code NaN} before the first */
    double field(BarField field) {
        return bar == null ? Double.NaN : field.of(bar);
    }

    @Override
    public int warmup() {
        return 1;
    }
}
