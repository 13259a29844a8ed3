package dev.stratagem.runtime.portfolio;

import java.math.BigDecimal;

/**
 * Exact decimal arithmetic on unscaled longs with a scale, for the ledger's every-bar marks: the same values
 * {@link BigDecimal} gives, without making one. An operation that would not fit in a long throws
 * {@link ArithmeticException}, and the caller does it in {@link BigDecimal} instead.
 */
final class LongDecimals {

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private LongDecimals() {}

    /** @return whether {@code value} has a non-negative scale and an unscaled value that fits in a long */
    static boolean fits(BigDecimal value) {
        return value.scale() >= 0 && value.precision() <= 18;   // |unscaled| < 10^18 < 2^63
    }

    /** @return the unscaled value of a decimal that {@link #fits} */
    static long unscaled(BigDecimal value) {
        return value.unscaledValue().longValueExact();
    }

    /**
     * @return {@code unscaled * 10^(to - from)}: the same value at the larger scale {@code to}
     * @throws ArithmeticException if it does not fit
     */
    static long rescale(long unscaled, int from, int to) {
        int up = to - from;
        if (up == 0) {
            return unscaled;
        }
        if (up < 0 || up >= POW10.length) {
            throw new ArithmeticException("rescale from " + from + " to " + to);
        }
        return Math.multiplyExact(unscaled, POW10[up]);
    }
}
