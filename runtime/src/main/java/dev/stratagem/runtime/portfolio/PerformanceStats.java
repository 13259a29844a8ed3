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
        return of(equity).maxDrawdown();
    }

    /**
     * @param equity the equity curve, one point per period, oldest first
     * @param periodsPerYear periods per year (252 for daily bars)
     * @return the annualised Sharpe ratio of the simple period returns (sample standard deviation, risk-free
     *     rate 0); 0 with fewer than two returns or no variance. Periods starting at a non-positive equity
     *     are skipped.
     */
    public static double sharpe(double[] equity, double periodsPerYear) {
        return of(equity).sharpe(periodsPerYear);
    }

    private static Curve of(double[] equity) {
        Curve curve = new Curve();
        for (double e : equity) {
            curve.add(e);
        }
        return curve;
    }

    /**
     * An equity curve reduced point by point to what {@link #maxDrawdown} and {@link #sharpe} report, with the
     * same operations in the same order (the same bits), in constant memory: a backtest feeds it every cycle
     * instead of keeping a million-point array the collector would copy.
     */
    public static final class Curve {

        private final ReturnStats returns = new ReturnStats();
        private double peak = Double.NEGATIVE_INFINITY;
        private double worst;

        /** @param equity the next point */
        public void add(double equity) {
            if (equity > peak) {
                peak = equity;
            } else if (peak > 0) {
                worst = Math.max(worst, (peak - equity) / peak);
            }
            returns.addEquity(equity);
        }

        /** @return as {@link PerformanceStats#maxDrawdown} for the points so far */
        public double maxDrawdown() {
            return worst;
        }

        /** @return as {@link PerformanceStats#sharpe} for the points so far */
        public double sharpe(double periodsPerYear) {
            return returns.sharpe(periodsPerYear);
        }

        /** @return the period returns so far, for the {@link DigestTracker}'s lazy Sharpe ratio */
        ReturnStats returns() {
            return returns;
        }
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
