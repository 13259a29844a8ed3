package dev.stratagem.runtime.analytics;

/**
 * A value-at-risk estimate for one horizon, as fractions of the position's value (positive = a loss).
 *
 * @param method how it was estimated
 * @param confidence the confidence level, in (0, 1)
 * @param var the loss not exceeded with that confidence
 * @param cvar the expected loss in the tail beyond VaR (expected shortfall); at least {@code var}
 */
public record VarEstimate(VarMethod method, double confidence, double var, double cvar) {

    /** Validates the confidence. */
    public VarEstimate {
        Statistics.requireConfidence(confidence);
    }

    /**
     * @param notional the absolute value of a position
     * @return VaR in money for that position
     */
    public double varOf(double notional) {
        return var * Math.abs(notional);
    }
}
