package dev.stratagem.runtime.risk;

import dev.stratagem.runtime.analytics.VarMethod;

/**
 * The pre-trade VaR limit of a strategy's sleeve: the one-bar VaR of its positions after the order may not
 * exceed {@code maxFraction} of its equity. Off when {@code maxFraction} is {@code +Infinity}.
 *
 * @param maxFraction the largest VaR over equity
 * @param confidence e.g. 0.99
 * @param method how VaR is estimated
 * @param window how many past returns per symbol it rests on; below {@link #MIN_RETURNS} the check passes
 */
public record VarLimit(double maxFraction, double confidence, VarMethod method, int window) {

    /** Fewer returns than this give no usable estimate: the check then accepts (and says so). */
    public static final int MIN_RETURNS = 20;

    /** No VaR limit. */
    public static final VarLimit NONE = new VarLimit(Double.POSITIVE_INFINITY, 0.99, VarMethod.HISTORICAL, 250);

    /** @return whether this limit can reject an order ({@code maxFraction} is finite) */
    public boolean on() {
        return maxFraction != Double.POSITIVE_INFINITY;
    }

    /** Validates. */
    public VarLimit {
        if (!(maxFraction > 0) || !(confidence > 0 && confidence < 1) || method == null || window < MIN_RETURNS) {
            throw new IllegalArgumentException("bad VaR limit: maxFraction " + maxFraction + ", confidence " + confidence
                    + ", method " + method + ", window " + window + " (at least " + MIN_RETURNS + ")");
        }
    }
}
