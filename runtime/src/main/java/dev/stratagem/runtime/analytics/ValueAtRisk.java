package dev.stratagem.runtime.analytics;

import java.util.Arrays;
import java.util.Random;

/**
 * VaR and CVaR by three methods. Returns are per period; the estimate is for one period (historical,
 * parametric) or for the simulated horizon (Monte Carlo).
 */
public final class ValueAtRisk {

    private ValueAtRisk() {}

    /**
     * The empirical tail: with {@code n} returns sorted ascending and {@code k = ceil(n * (1 - confidence))},
     * VaR is minus the k-th smallest return and CVaR minus the mean of the k smallest.
     *
     * @param returns at least one return
     * @param confidence e.g. 0.99
     * @return the estimate
     */
    public static VarEstimate historical(double[] returns, double confidence) {
        Statistics.requireSome(returns, 1);
        Statistics.requireConfidence(confidence);
        return tail(returns.clone(), confidence, VarMethod.HISTORICAL);
    }

    /**
     * Normal returns: {@code VaR = z * sigma - mu}, {@code CVaR = sigma * pdf(z) / (1 - confidence) - mu},
     * {@code z} the standard normal quantile at the confidence; sample mean and (n - 1) deviation.
     *
     * @param returns at least two returns
     * @param confidence e.g. 0.99
     * @return the estimate
     */
    public static VarEstimate parametric(double[] returns, double confidence) {
        Statistics.requireSome(returns, 2);
        return parametric(Statistics.mean(returns), Statistics.stdev(returns), confidence);
    }

    /**
     * @param mu the mean return per period
     * @param sigma the standard deviation per period, not negative
     * @param confidence e.g. 0.99
     * @return the normal VaR and CVaR
     */
    public static VarEstimate parametric(double mu, double sigma, double confidence) {
        Statistics.requireConfidence(confidence);
        if (!(sigma >= 0) || !Double.isFinite(sigma) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("need a finite mean and a non-negative sigma, were " + mu + ", " + sigma);
        }
        double z = Statistics.normalQuantile(confidence);
        return new VarEstimate(VarMethod.PARAMETRIC, confidence, z * sigma - mu,
                sigma * Statistics.normalPdf(z) / (1 - confidence) - mu);
    }

    /**
     * Simulates {@code paths} end values of a geometric Brownian motion {@code S_T = S_0 exp((mu - sigma^2 / 2) T
     * + sigma sqrt(T) Z)} with a seeded generator, then takes the historical tail of {@code S_T / S_0 - 1}.
     * The same seed gives the same estimate.
     *
     * @param mu drift per period
     * @param sigma volatility per period
     * @param horizon T, in periods
     * @param paths how many paths, at least 1
     * @param seed the generator's seed
     * @param confidence e.g. 0.99
     * @return the estimate for the horizon
     */
    public static VarEstimate monteCarlo(double mu, double sigma, double horizon, int paths, long seed,
            double confidence) {
        Statistics.requireConfidence(confidence);
        if (paths < 1 || !(horizon > 0) || !(sigma >= 0) || !Double.isFinite(mu) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("need paths >= 1, horizon > 0, sigma >= 0; were " + paths + ", "
                    + horizon + ", " + sigma);
        }
        Random random = new Random(seed);
        double drift = (mu - sigma * sigma / 2) * horizon;
        double diffusion = sigma * Math.sqrt(horizon);
        double[] returns = new double[paths];
        for (int i = 0; i < paths; i++) {
            returns[i] = Math.expm1(drift + diffusion * random.nextGaussian());
        }
        return tail(returns, confidence, VarMethod.MONTE_CARLO);
    }

    /**
     * Monte Carlo with the drift and volatility fitted to past returns (log returns' mean and deviation).
     *
     * @param returns at least two simple returns, each above -1
     * @param horizon T, in periods
     * @param paths how many paths
     * @param seed the generator's seed
     * @param confidence e.g. 0.99
     * @return the estimate
     */
    public static VarEstimate monteCarlo(double[] returns, double horizon, int paths, long seed, double confidence) {
        Statistics.requireSome(returns, 2);
        double[] logs = new double[returns.length];
        for (int i = 0; i < returns.length; i++) {
            if (!(returns[i] > -1)) {
                throw new IllegalArgumentException("return " + returns[i] + " is -100% or worse");
            }
            logs[i] = Math.log1p(returns[i]);
        }
        double sigma = Statistics.stdev(logs);
        double mu = Statistics.mean(logs) + sigma * sigma / 2;
        return monteCarlo(mu, sigma, horizon, paths, seed, confidence);
    }

    private static VarEstimate tail(double[] sorted, double confidence, VarMethod method) {
        Arrays.sort(sorted);
        int k = Math.max(1, (int) Math.ceil(sorted.length * (1 - confidence) - 1e-9));
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += sorted[i];
        }
        return new VarEstimate(method, confidence, -sorted[k - 1], -sum / k);
    }
}
