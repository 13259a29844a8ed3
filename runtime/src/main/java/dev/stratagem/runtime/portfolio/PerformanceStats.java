package dev.stratagem.runtime.portfolio;

/**
 * Summary figures of an equity curve, for the backtest report. Pure functions; the Sharpe ratio is the same
 * formula the {@link DigestTracker} applies cycle by cycle.
 */
public final class PerformanceStats {

    private PerformanceStats() {}

    /**
     * @param equity the equity curve, oldest first
     * @return the largest fall from a running peak, as a positive fraction of that peak; 0 if it never fell
     *     (peaks that are not positive are skipped)
     */
    public static double maxDrawdown(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double e : equity) {
            if (e > peak) {
                peak = e;
            } else if (peak > 0) {
                worst = Math.max(worst, (peak - e) / peak);
            }
        }
        return worst;
    }

    /**
     * @param equity the equity curve, one point per period, oldest first
     * @param periodsPerYear periods per year (252 for daily bars)
     * @return the annualised Sharpe ratio of the simple period returns (sample standard deviation, risk-free
     *     rate 0); 0 with fewer than two returns or no variance. Periods starting at a non-positive equity
     *     are skipped.
     */
    public static double sharpe(double[] equity, double periodsPerYear) {
        ReturnStats stats = new ReturnStats();
        for (int i = 1; i < equity.length; i++) {
            double r = ReturnStats.periodReturn(equity[i - 1], equity[i]);
            if (!Double.isNaN(r)) {
                stats.add(r);
            }
        }
        return stats.sharpe(periodsPerYear);
    }

    /**
     * @param first the starting equity, positive
     * @param last the final equity
     * @return {@code last / first - 1}
     */
    public static double totalReturn(double first, double last) {
        if (!(first > 0)) {
            throw new IllegalArgumentException("first equity must be positive, was " + first);
        }
        return last / first - 1;
    }
}
