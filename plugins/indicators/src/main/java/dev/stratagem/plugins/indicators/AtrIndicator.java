package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Wilder's average true range. The true range needs the previous close, so the first bar only seeds it;
 * the first ATR is the simple mean of the first {@code n} true ranges (bars 2..n+1), then
 * {@code atr = (atr * (n - 1) + tr) / n}. Needs {@code n + 1} bars.
 */
final class AtrIndicator implements Indicator {

    private final int n;
    private double previousClose = Double.NaN;
    private int ranges;
    private double atr;

    AtrIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "ATR");
    }

    @Override
    public void update(Candle bar) {
        if (Double.isNaN(previousClose)) {
            previousClose = bar.close();
            return;
        }
        double tr = Math.max(bar.high() - bar.low(),
                Math.max(Math.abs(bar.high() - previousClose), Math.abs(bar.low() - previousClose)));
        previousClose = bar.close();
        if (ranges < n) {
            atr += tr;
            if (++ranges == n) {
                atr /= n;
            }
        } else {
            atr = (atr * (n - 1) + tr) / n;
        }
    }

    @Override
    public double value() {
        return ranges < n ? Double.NaN : atr;
    }

    @Override
    public int warmup() {
        return n + 1;
    }
}
