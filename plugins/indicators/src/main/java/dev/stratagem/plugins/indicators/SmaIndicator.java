package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Simple moving average of the close over {@code n} bars, computed exactly.
 *
 * <p>A running double sum drifts, so two averages that are mathematically equal (SMA10 == SMA30 on a
 * crossover day) can compare unequal and a crossover rule fires a bar early or late. Here prices are
 * summed as fixed-point longs (8 decimals, {@link #SCALE}), so the sum is exact, and the average is one
 * correctly rounded division of two exact doubles: {@code sum / (n * 1e8)}. Both operands are exact
 * integers below 2^53, so equal averages give bit-identical doubles. Prices with more than 8 decimals are
 * rounded to 8 first; {@code |price| * n} must stay below 9e10 (a price of 900 000 over 100 000 bars), or
 * {@link #update(double)} fails rather than overflow.
 */
final class SmaIndicator implements Indicator {

    static final double SCALE = 1e8;
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;
    /** {@code |price| * n} below this keeps every scaled price and the window's sum inside a long. */
    private static final double MAX_PRICE_TIMES_N = 9e10;

    private final int n;
    private final long[] window;
    private final double divisor;
    private final double maxPrice;
    private int count;
    private int next;
    private long sum;

    SmaIndicator(int n) {
        this.n = Indicator.checkPeriod(n, 1, "SMA");
        this.window = new long[n];
        this.divisor = n * SCALE; // exact: n <= MAX_PERIOD, so n * 1e8 < 2^53
        this.maxPrice = MAX_PRICE_TIMES_N / n;
    }

    @Override
    public void update(Candle bar) {
        update(bar.close());
    }

    void update(double price) {
        if (!(Math.abs(price) < maxPrice)) {
            throw new IllegalArgumentException("price " + price + " is beyond the exact range of a " + n
                    + "-bar SMA: |price| * n must stay below " + MAX_PRICE_TIMES_N);
        }
        long scaled = Math.round(price * SCALE);
        if (count == n) {
            sum -= window[next];
        } else {
            count++;
        }
        window[next] = scaled;
        sum += scaled;
        next = next + 1 == n ? 0 : next + 1;
    }

    @Override
    public double value() {
        if (count < n) {
            return Double.NaN;
        }
        if (Math.abs(sum) <= EXACT_DOUBLE_LIMIT) {
            return sum / divisor;
        }
        // Huge prices times long windows: still a deterministic function of the exact quotient, so equal
        // averages stay equal; rounded twice (34 digits, then double) instead of once.
        return new BigDecimal(sum)
                .divide(BigDecimal.valueOf(n).scaleByPowerOfTen(8), MathContext.DECIMAL128)
                .doubleValue();
    }

    @Override
    public int warmup() {
        return n;
    }
}
