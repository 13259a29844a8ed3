package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * Wilder's relative strength index of the close, 0..100. The first average gain and loss are the simple
 * means of the first {@code n} close-to-close changes; after that {@code avg = (avg * (n - 1) + x) / n}.
 * RSI is {@code 100 * avgGain / (avgGain + avgLoss)} (the same as {@code 100 - 100 / (1 + RS)}), 100 with
 * no losses and 50 on a flat window. Needs {@code n + 1} bars.
 */
final class RsiIndicator implements Indicator {

    private final int n;
    private double previousClose = Double.NaN;
    private int changes;
    private double avgGain;
    private double avgLoss;

    RsiIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "RSI");
    }

    @Override
    public void update(Candle bar) {
        double close = bar.close();
        if (Double.isNaN(previousClose)) {
            previousClose = close;
            return;
        }
        double change = close - previousClose;
        previousClose = close;
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        if (changes < n) {
            avgGain += gain;
            avgLoss += loss;
            if (++changes == n) {
                avgGain /= n;
                avgLoss /= n;
            }
        } else {
            avgGain = (avgGain * (n - 1) + gain) / n;
            avgLoss = (avgLoss * (n - 1) + loss) / n;
        }
    }

    @Override
    public double value() {
        if (changes < n) {
            return Double.NaN;
        }
        double total = avgGain + avgLoss;
        return total == 0 ? 50 : 100 * avgGain / total;
    }

    @Override
    public int warmup() {
        return n + 1;
    }
}
