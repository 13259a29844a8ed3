package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;

/**
 * A streaming indicator: fed every bar of one instrument in time order, it keeps just enough state to
 * produce its value for the latest bar. Multi-output indicators expose their other outputs as extra
 * accessors; {@link #value()} is their primary output.
 */
interface Indicator {

    /** Upper bound for a window length: keeps ring buffers small and fixed-point sums exact. */
    int MAX_PERIOD = 100_000;

    /** @param bar the next bar, later than every bar fed before */
    void update(Candle bar);

    /** @return the value as of the last bar fed, {@code NaN} until {@link #warmup()} bars were fed */
    double value();

    /** @return how many bars must be fed before {@link #value()} is a number */
    int warmup();

    static int checkPeriod(int n, int min, String indicator) {
        if (n < min || n > MAX_PERIOD) {
            throw new IllegalArgumentException(
                    indicator + " period must be between " + min + " and " + MAX_PERIOD + ", was " + n);
        }
        return n;
    }
}
