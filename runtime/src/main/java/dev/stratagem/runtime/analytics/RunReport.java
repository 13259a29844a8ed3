package dev.stratagem.runtime.analytics;

/**
 * The statistics reported for one run: from its equity curve, and against a benchmark when one is given.
 *
 * @param periods how many returns the figures rest on
 * @param sharpe annualised Sharpe (risk-free 0)
 * @param sortino annualised Sortino (target 0)
 * @param maxDrawdown largest peak-to-trough fall, fraction
 * @param beta against the benchmark; NaN without one
 * @param historical 1-period 99% historical VaR / CVaR
 * @param parametric 1-period 99% parametric VaR / CVaR
 * @param monteCarlo 1-period 99% Monte Carlo VaR / CVaR (GBM, 10,000 paths, seed 42)
 */
public record RunReport(int periods, double sharpe, double sortino, double maxDrawdown, double beta,
        VarEstimate historical, VarEstimate parametric, VarEstimate monteCarlo) {

    /** The confidence of the reported VaR. */
    public static final double CONFIDENCE = 0.99;

    /**
     * @param equity the equity curve, at least three points
     * @param benchmark benchmark prices at the same points, or {@code null}
     * @param periodsPerYear e.g. 252
     * @return the report
     */
    public static RunReport of(double[] equity, double[] benchmark, double periodsPerYear) {
        double[] r = Performance.returns(equity);
        double beta = benchmark == null ? Double.NaN : Performance.beta(r, Performance.returns(benchmark));
        return new RunReport(r.length, Performance.sharpe(r, 0, periodsPerYear),
                Performance.sortino(r, 0, periodsPerYear), Performance.maxDrawdown(equity), beta,
                ValueAtRisk.historical(r, CONFIDENCE), ValueAtRisk.parametric(r, CONFIDENCE),
                ValueAtRisk.monteCarlo(r, 1, 10_000, 42, CONFIDENCE));
    }

    /** @return one line for logs and the console */
    public String summary() {
        return "sharpe %.3f sortino %.3f maxDD %.2f%% beta %s VaR99 hist %.3f%% param %.3f%% mc %.3f%% CVaR99 hist %.3f%%"
                .formatted(sharpe, sortino, maxDrawdown * 100, Double.isNaN(beta) ? "n/a" : "%.3f".formatted(beta),
                        historical.var() * 100, parametric.var() * 100, monteCarlo.var() * 100, historical.cvar() * 100);
    }
}
