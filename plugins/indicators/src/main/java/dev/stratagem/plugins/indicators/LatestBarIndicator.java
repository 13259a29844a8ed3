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
        return bar == null ? Double.NaN : bar.close();
    }

    double open() {
        return bar == null ? Double.NaN : bar.open();
    }

    double high() {
        return bar == null ? Double.NaN : bar.high();
    }

    double low() {
        return bar == null ? Double.NaN : bar.low();
    }

    double volume() {
        return bar == null ? Double.NaN : bar.volume();
    }

    @Override
    public int warmup() {
        return 1;
    }
}
