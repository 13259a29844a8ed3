package dev.stratagem.runtime.marketdata;

/**
 * Parses a decimal field to exactly the double {@link Double#parseDouble} gives, faster for the plain
 * decimals of market data ({@code 3602.00}, {@code 45.549999}, {@code 13269200}).
 *
 * <p>Fast path (Clinger's): an optional {@code -}, at most 15 digits with at most one {@code .} among them.
 * The digits as an integer {@code m} are below 2^53 and 10^k (k &le; 15) is exact, so {@code m / 10^k} is
 * one correctly rounded IEEE division of exact operands: the same double as the correctly rounded
 * {@code parseDouble}. Anything else (exponents, more digits, a {@code +}) goes to {@code parseDouble}.
 */
final class CsvDecimalParser {

    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15};

    private CsvDecimalParser() {}

    /** @throws NumberFormatException as {@link Double#parseDouble} does */
    static double parse(String s, int from, int to) {
        int i = from;
        boolean negative = i < to && s.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int point = -1;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                return Double.parseDouble(s.substring(from, to));
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.parseDouble(s.substring(from, to));
        }
        double value = point < 0 ? mantissa : mantissa / POWERS[to - point - 1];
        return negative ? -value : value;
    }
}
