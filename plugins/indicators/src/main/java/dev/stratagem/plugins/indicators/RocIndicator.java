package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/** Rate of change of the close over {@code n} bars: {@code close / close[n bars ago] - 1}. Needs {@code n + 1} bars. */
final class RocIndicator implements Indicator {

    private final int n;
    private final double[] closes; // the last n + 1 closes
    private int count;
    private int next;
    private double value = Double.NaN;

    RocIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "ROC");
        this.closes = new double[n + 1];
    }

    @Override
    public void update(Candle bar) {
        closes[next] = bar.close();
        next = next == n ? 0 : next + 1;
        if (count <= n) {
            count++;
        }
        // after the write, next is the slot of the oldest of the n + 1 closes
        value = count > n ? bar.close() / closes[next] - 1 : Double.NaN;
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
