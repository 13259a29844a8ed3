package dev.stratagem.runtime.risk;

import dev.stratagem.runtime.portfolio.DecimalDoubles;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The decimal reading of the doubles the API hands us, and how reasons print numbers.
 *
 * <p>{@link BigDecimal#valueOf(double)} takes a double's shortest decimal form, so {@code 0.3} is 0.3 and
 * not 0.299999...; every guardrail comparison is exact in that reading.
 */
final class Decimals {

    private Decimals() {}

    /** Equal to {@code BigDecimal.valueOf(value)}, scale included, mostly without its text round trip. */
    static BigDecimal dec(double value) {
        return DecimalDoubles.exact(value);
    }

    /** A quantity or lot as a person writes it: {@code 10}, {@code 0.3}, {@code NaN}. */
    static String plain(double value) {
        return Double.isFinite(value) ? plain(dec(value)) : Double.toString(value);
    }

    /** Plain up to 15 integer digits; past them in exponent form ({@code 1E+308}), not three hundred digits. */
    static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale() > 15 ? stripped.toString() : stripped.toPlainString();
    }

    /** A computed bound (a quotient with many digits), cut to 8 decimals for reading. */
    static String approx(BigDecimal value) {
        return plain(value.scale() > 8 ? value.setScale(8, RoundingMode.DOWN) : value);
    }

    /** Money with grouping and two decimals: {@code 12,345.00}. */
    static String money(BigDecimal value) {
        return String.format(Locale.US, "%,.2f", value);
    }

    static String money(double value) {
        return Double.isFinite(value) ? money(dec(value)) : Double.toString(value);
    }
}
