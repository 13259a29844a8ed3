package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Moving average convergence/divergence of the close: {@code macd = EMA(fast) - EMA(slow)}, the signal
 * line is an EMA of {@code macd} (seeded with the mean of its first {@code signal} values) and the
 * histogram is {@code macd - signal}. {@link #value()} is the macd line, a number after {@code slow} bars;
 * the signal and histogram need {@code slow + signal - 1}.
 */
final class MacdIndicator implements Indicator {

    private final EmaIndicator fast;
    private final EmaIndicator slow;
    private final EmaIndicator signal;
    private final int slowPeriod;
    private final int signalPeriod;
    private double macd = Double.NaN;

    MacdIndicator(int fastPeriod, int slowPeriod, int signalPeriod) {
        if (fastPeriod >= slowPeriod) {
            throw new IllegalArgumentException(
                    "MACD fast period " + fastPeriod + " must be below the slow period " + slowPeriod);
        }
        this.fast = new EmaIndicator(fastPeriod);
        this.slow = new EmaIndicator(slowPeriod);
        this.signal = new EmaIndicator(signalPeriod);
        this.slowPeriod = slowPeriod;
        this.signalPeriod = signalPeriod;
    }

    @Override
    public void update(Candle bar) {
        fast.update(bar.close());
        slow.update(bar.close());
        macd = fast.value() - slow.value();
        if (!Double.isNaN(macd)) {
            signal.update(macd);
        }
    }

    @Override
    public double value() {
        return macd;
    }

    double signal() {
        return signal.value();
    }

    double histogram() {
        return macd - signal.value();
    }

    /** @return bars until the macd line is a number */
    int lineWarmup() {
        return slowPeriod;
    }

    @Override
    public int warmup() {
        return slowPeriod + signalPeriod - 1;
    }
}
