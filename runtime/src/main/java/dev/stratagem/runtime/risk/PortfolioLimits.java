package dev.stratagem.runtime.risk;

/**
 * Limits on the whole portfolio (every strategy's sleeve together), at reference prices. {@code +Infinity}
 * is off.
 *
 * @param maxGrossExposure largest sum of absolute position values
 * @param maxNetExposure largest absolute sum of signed position values
 * @param maxConcentration largest absolute value of one instrument over portfolio equity (0.25 = 25 %)
 */
public record PortfolioLimits(double maxGrossExposure, double maxNetExposure, double maxConcentration) {

    /** No portfolio limits. */
    public static final PortfolioLimits NONE = new PortfolioLimits(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY);

    /** Validates. */
    public PortfolioLimits {
        for (double v : new double[] {maxGrossExposure, maxNetExposure, maxConcentration}) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("portfolio limits must be positive, was " + v);
            }
        }
    }
}
