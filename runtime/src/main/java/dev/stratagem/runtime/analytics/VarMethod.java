package dev.stratagem.runtime.analytics;

/** How a VaR is estimated. */
public enum VarMethod {
    /** The empirical quantile of past returns. */
    HISTORICAL,
    /** Normal returns with the sample mean and standard deviation. */
    PARAMETRIC,
    /** Simulated geometric Brownian motion paths, seeded. */
    MONTE_CARLO
}
