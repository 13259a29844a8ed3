package dev.stratagem.plugins.rules;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers for rationales: six significant digits, no trailing zeros, no exponent. */
final class RationaleFormat {

    private static final MathContext DIGITS = new MathContext(6);

    private RationaleFormat() {}

    static String num(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
