package dev.stratagem.runtime.portfolio;

import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import java.util.List;

/**
 * Running mean and variance of the simple period returns of an equity curve fed point by point (Welford), and the
 * Sharpe ratio they give ({@link TradeDigest#sharpe(long, double, double, double)}, the one place its formula
 * lives). The one place the returns live: the live digest and the backtest summary must agree.
 */
final class ReturnStats {

    private long count;
    private double mean;
    private double m2;
    private double lastEquity = Double.NaN;

    /**
     * Adds the return from the previous point to this one: none for the first point, nor for a period that starts
     * at an equity that is not positive.
     *
     * @param equity the curve's next point
     */
    void addEquity(double equity) {
        if (!Double.isNaN(lastEquity)) {
            double r = periodReturn(lastEquity, equity);
            if (!Double.isNaN(r)) {
                add(r);
            }
        }
        lastEquity = equity;
    }

    private void add(double periodReturn) {
        count++;
        double delta = periodReturn - mean;
        mean += delta / count;
        m2 += delta * (periodReturn - mean);
    }

    long count() {
        return count;
    }

    /**
     * @param periodsPerYear periods per year, for annualising
     * @return {@code mean / sampleStd * sqrt(periodsPerYear)}, risk-free rate 0; 0 with fewer than two
     *     returns or no variance
     */
    double sharpe(double periodsPerYear) {
        return TradeDigest.sharpe(count, mean, m2, periodsPerYear);
    }

    /**
     * @param ts when the digest is made
     * @param entries its entries
     * @param periodsPerYear periods per year, for annualising
     * @return a digest whose Sharpe ratio is that of these returns as they are now, computed when read
     */
    TradeDigest digest(long ts, List<TradeDigestEntry> entries, double periodsPerYear) {
        return TradeDigest.ofReturns(ts, entries, count, mean, m2, periodsPerYear);
    }

    /**
     * @param previous the equity at the start of the period
     * @param current the equity at its end
     * @return the simple return, or NaN when the start is not positive (no meaningful return)
     */
    private static double periodReturn(double previous, double current) {
        return previous > 0 ? current / previous - 1 : Double.NaN;
    }
}
