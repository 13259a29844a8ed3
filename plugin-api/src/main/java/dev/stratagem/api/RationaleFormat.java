package dev.stratagem.api;

/**
 * Formats numbers for rationales: six significant digits (rounded half up), no trailing zeros, no exponent. The
 * built-in composers write their numbers with it, and {@link RationaleValues} renders with it, so a rationale kept
 * as values reads back as the text it stands for. What it writes is part of the backtest history's block format 4,
 * which stores such numbers and renders them when read: a change to it is a new block format.
 *
 * <p>Exactly {@code BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString()},
 * done with one scaling by a power of ten where that provably gives the same digits, else on the digits of
 * {@link Double#toString(double)} (which is where {@code BigDecimal.valueOf} starts): the composers format
 * two or three numbers every bar, and the BigDecimal way was a fifth of a cycle, Double.toString a sixth.
 */
public final class RationaleFormat {

    private static final int DIGITS = 6;

    /** Powers of ten up to 10^22, all exact as doubles. */
    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long[] LONG_POWERS = new long[19];

    static {
        LONG_POWERS[0] = 1;
        for (int i = 1; i < LONG_POWERS.length; i++) {
            LONG_POWERS[i] = LONG_POWERS[i - 1] * 10;
        }
    }

    /** How close to a rounding tie the scaled value may come before the exact path decides. */
    private static final double TIE_MARGIN = 1e-7;

    private RationaleFormat() {}

    /**
     * @param value a number
     * @return it as a rationale writes it: six significant digits, no trailing zeros, no exponent
     */
    public static String num(double value) {
        return append(new StringBuilder(24), value).toString();
    }

    /**
     * Appends {@link #num(double)} of a value (no intermediate string: composers write rationales every bar).
     *
     * @return {@code out}
     */
    public static StringBuilder append(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append(Double.toString(value));
        }
        return appendScaled(out, value) ? out : appendFromText(out, value);
    }

    /**
     * The common case without {@link Double#toString(double)}: scales {@code |value|} into [10^5, 10^6) with
     * one exact power of ten (one rounding, relative error 2^-53) and rounds to an integer. The shortest
     * decimal the definition starts from lies within 2^-53 relative of the value too, so both round the same
     * way unless the scaled value is within {@link #TIE_MARGIN} of a half, where the tie is decided exactly.
     *
     * @return false if the value is outside [10^-9, 10^15) or within one unit of an end of the scaled range
     *     where the scaling could misplace it: the text path decides those
     */
    private static boolean appendScaled(StringBuilder out, double value) {
        double a = Math.abs(value);
        if (!(a >= 1e-9 && a < 1e15)) {
            return false;
        }
        int decade = 0;                       // 10^decade <= a < 10^(decade + 1)
        if (a >= 1) {
            while (decade < 14 && a >= POWERS[decade + 1]) {
                decade++;
            }
        } else {
            while (a < 1 / POWERS[-decade]) {  // 1 / 10^i rounds, but a tie here only moves the scale by ten
                decade--;
            }
        }
        int shift = 5 - decade;
        double scaled = shift >= 0 ? a * POWERS[shift] : a / POWERS[-shift];
        // Scaling by an exact power is monotonic, so only a rounded 1/10^i (a < 1) can misplace a low value,
        // and only rounding up to 10^6 could make one more digit: leave those near-edge cases to the text path.
        if (scaled > 1e6 - 1 || (a < 1 && scaled < 1e5 + 1)) {
            return false;
        }
        long whole = (long) scaled;
        double fraction = scaled - whole;
        boolean up = fraction > 0.5;
        if (Math.abs(fraction - 0.5) < TIE_MARGIN) {
            // The shortest decimal is the 7-digit tie T itself when T rounds to this double (no other 7-digit
            // decimal is that close), and rounds half up; otherwise it lies on the side of T this double does.
            // One correctly rounded operation on exact operands gives T's double.
            double tie = shift >= 0 ? (whole + 0.5) / POWERS[shift] : (whole + 0.5) * POWERS[-shift];
            up = a >= tie;
        }
        long digits = up ? whole + 1 : whole;
        int exponent = -shift;
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        if (value < 0) {
            out.append('-');
        }
        if (exponent >= 0) {
            out.append(digits);
            zeros(out, exponent);
            return true;
        }
        long unit = LONG_POWERS[-exponent];   // exponent >= -(5 + 9), and digits has at most 7 digits
        long integral = digits / unit;
        long fractional = digits % unit;
        out.append(integral).append('.');
        zeros(out, -exponent - decimalLength(fractional));
        out.append(fractional);
        return true;
    }

    private static int decimalLength(long v) {
        int n = 1;
        while (n < LONG_POWERS.length && v >= LONG_POWERS[n]) {
            n++;
        }
        return n;
    }

    private static void zeros(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('0');
        }
    }

    /** The definition worked on the digits of {@link Double#toString(double)}. */
    private static StringBuilder appendFromText(StringBuilder out, double value) {
        String text = Double.toString(value);
        int end = text.length();
        int exponent = 0;
        int e = text.indexOf('E');
        if (e >= 0) {
            exponent = Integer.parseInt(text, e + 1, end, 10);
            end = e;
        }
        // value = digits x 10^exponent, digits without sign, point or leading zeros
        char[] digits = new char[end + 1];   // as characters, so runs of them append at once
        int n = 0;
        boolean negative = text.charAt(0) == '-';
        boolean afterPoint = false;
        for (int i = negative ? 1 : 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                afterPoint = true;
                continue;
            }
            if (afterPoint) {
                exponent--;
            }
            if (n == 0 && c == '0') {
                continue;
            }
            digits[n++] = c;
        }
        if (n == 0) {
            return out.append('0');
        }
        if (n > DIGITS) {
            boolean up = digits[DIGITS] >= '5';
            exponent += n - DIGITS;
            n = DIGITS;
            if (up) {
                int i = n - 1;
                while (i >= 0 && digits[i] == '9') {
                    digits[i--] = '0';
                }
                if (i < 0) {            // 999999.5 -> 1000000: one more digit, the rest are zeros
                    digits[0] = '1';
                    n = 1;
                    exponent += DIGITS;
                } else {
                    digits[i]++;
                }
            }
        }
        while (n > 1 && digits[n - 1] == '0') {
            n--;
            exponent++;
        }
        if (negative) {
            out.append('-');
        }
        if (exponent >= 0) {
            appendDigits(out, digits, 0, n);
            out.repeat('0', exponent);
        } else if (n + exponent > 0) {
            appendDigits(out, digits, 0, n + exponent);
            out.append('.');
            appendDigits(out, digits, n + exponent, n);
        } else {
            out.append("0.").repeat('0', -(n + exponent));
            appendDigits(out, digits, 0, n);
        }
        return out;
    }

    private static void appendDigits(StringBuilder out, char[] digits, int from, int to) {
        out.append(digits, from, to - from);
    }
}
