package dev.stratagem.runtime.analytics;

/** Return and drawdown ratios over a series of per-period returns or equity values. */
public final class Performance {

    private Performance() {}

    /**
     * @param returns per-period returns, at least two
     * @param riskFreePerPeriod the risk-free return per period
     * @param periodsPerYear e.g. 252
     * @return annualised Sharpe: mean excess return over its sample deviation, times sqrt(periodsPerYear);
     *     0 when the deviation is 0
     */
    public static double sharpe(double[] returns, double riskFreePerPeriod, double periodsPerYear) {
        double[] excess = excess(returns, riskFreePerPeriod);
        double sd = Statistics.stdev(excess);
        return sd == 0 ? 0 : Statistics.mean(excess) / sd * Math.sqrt(periodsPerYear);
    }

    /**
     * @param returns per-period returns, at least two
     * @param targetPerPeriod the minimum acceptable return per period
     * @param periodsPerYear e.g. 252
     * @return annualised Sortino: mean excess over the downside deviation
     *     {@code sqrt(sum(min(0, r - target)^2) / n)}, times sqrt(periodsPerYear); 0 without downside
     */
    public static double sortino(double[] returns, double targetPerPeriod, double periodsPerYear) {
        double[] excess = excess(returns, targetPerPeriod);
        double sum = 0;
        for (double e : excess) {
            sum += e < 0 ? e * e : 0;
        }
        double downside = Math.sqrt(sum / excess.length);
        return downside == 0 ? 0 : Statistics.mean(excess) / downside * Math.sqrt(periodsPerYear);
    }

    /**
     * @param equity equity values in time order, positive
     * @return the largest fall from a running peak, as a fraction of that peak (0 if it never fell)
     */
    public static double maxDrawdown(double[] equity) {
        Statistics.requireSome(equity, 1);
        double peak = equity[0];
        double worst = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            if (peak > 0) {
                worst = Math.max(worst, (peak - e) / peak);
            }
        }
        return worst;
    }

    /**
     * @param returns the strategy's per-period returns
     * @param benchmark the benchmark's returns over the same periods
     * @return {@code cov(r, b) / var(b)}; NaN when the benchmark does not move
     */
    public static double beta(double[] returns, double[] benchmark) {
        double var = Statistics.covariance(benchmark, benchmark);
        return var == 0 ? Double.NaN : Statistics.covariance(returns, benchmark) / var;
    }

    /**
     * @param values a price or equity series, positive
     * @return the simple returns between consecutive values (one fewer)
     */
    public static double[] returns(double[] values) {
        if (values.length < 2) {
            return new double[0];
        }
        double[] r = new double[values.length - 1];
        for (int i = 1; i < values.length; i++) {
            if (!(values[i - 1] > 0)) {
                throw new IllegalArgumentException("value " + values[i - 1] + " at " + (i - 1) + " is not positive");
            }
            r[i - 1] = values[i] / values[i - 1] - 1;
        }
        return r;
    }

    private static double[] excess(double[] returns, double by) {
        Statistics.requireSome(returns, 2);
        double[] e = new double[returns.length];
        for (int i = 0; i < returns.length; i++) {
            e[i] = returns[i] - by;
        }
        return e;
    }
}
