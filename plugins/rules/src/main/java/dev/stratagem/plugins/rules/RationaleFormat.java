package dev.stratagem.plugins.rules;

/**
 * Formats numbers for rationales: six significant digits (rounded half up), no trailing zeros, no exponent.
 *
 * <p>Exactly {@code BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString()},
 * done on the digits of {@link Double#toString(double)} (which is where {@code BigDecimal.valueOf} starts):
 * the composers format two or three numbers every bar, and the BigDecimal way was a fifth of a cycle.
 */
final class RationaleFormat {

    private static final int DIGITS = 6;

    private RationaleFormat() {}

    static String num(double value) {
        return append(new StringBuilder(24), value).toString();
    }

    /**
     * Appends {@link #num(double)} of a value (no intermediate string: composers write rationales every bar).
     *
     * @return {@code out}
     */
    static StringBuilder append(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append(Double.toString(value));
        }
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
