package dev.stratagem.runtime.portfolio;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@link BigDecimal#doubleValue()}, bit for bit, without its big-integer division in the common ledger case.
 *
 * <p>The view converts equity, exposure and unrealized PnL on every mark of a held position; with prices of
 * 15-17 significant digits those have unscaled values of 60-80 bits, where the JDK divides big integers (a
 * fifth of a cycle). Here, for an unscaled value below 2^126 and a scale of 1 to 27, a first guess
 * {@code u / 10^s} in doubles is corrected against the exact value: the value is compared with the midpoints
 * next to the guess in 128-bit integers ({@code u} against {@code midpoint * 5^s * 2^s}), and a tie goes to
 * the even neighbour, as the JDK rounds. Anything else goes to the JDK.
 */
public final class DecimalDoubles {

    private static final int MAX_SCALE = 27;                // 5^27 < 2^63
    private static final long[] POW5 = new long[MAX_SCALE + 1];
    private static final double[] POW10 = new double[MAX_SCALE + 1];

    static {
        long p5 = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW5[i] = p5;
            POW10[i] = Double.parseDouble("1e" + i);
            p5 *= 5;
        }
    }

    private DecimalDoubles() {}

    /** Below this an integral double's shortest form is {@code <digits>.0}, not {@code 1.0E7}. */
    private static final double PLAIN_INTEGERS = 1e7;

    /**
     * {@link BigDecimal#valueOf(double)} (same unscaled value and scale) without {@link Double#toString(double)}
     * for an integer below 10^7 ({@code 100.0}: unscaled 1000, scale 1) and for a price-like value:
     * {@code |value|} in [10^-3, 10^6) with at most 8 decimals. There the JDK writes
     * {@code Double.toString} in plain notation with at least one decimal, its digits being the shortest
     * decimal that rounds to the value; the fewest decimals {@code s >= 1} for which {@code round(v * 10^s) /
     * 10^s} (one correctly rounded division of exact operands) gives the value back are those digits, as two
     * decimals 10^-8 apart cannot both round to a double below 10^6.
     *
     * @param value a double
     * @return exactly {@code BigDecimal.valueOf(value)}
     */
    public static BigDecimal exact(double value) {
        if (Math.abs(value) < PLAIN_INTEGERS && value == Math.rint(value)) {
            return BigDecimal.valueOf((long) value * 10, 1);   // sizes and lots
        }
        int s = exactScale(value);
        return s > 0 ? BigDecimal.valueOf(exactUnscaled(value, s), s) : BigDecimal.valueOf(value);
    }

    /**
     * @param value a double
     * @return the scale of {@link #exact(double)}'s result when it is price-like (1 to 8, see there), else -1
     */
    static int exactScale(double value) {
        double a = Math.abs(value);
        return a >= 1e-3 && a < 1e6 ? fewestDecimals(value, 1, 8) : -1;
    }

    /**
     * The fewest decimals {@code k} in {@code [from, to]} (at most 22) for which {@code round(value * 10^k) / 10^k},
     * one correctly rounded division of exact operands, gives back {@code value}'s bits; -1 if none does or the
     * unscaled value reaches 2^53. Only a {@code k} where {@code value * 10^k} lies within two roundings of an
     * integer pays for the division: a value that is such a decimal with an unscaled value below 2^51 always does,
     * so none is missed there (above it one may be, which only costs the block encoder a raw double).
     *
     * @param value a double
     * @param from the fewest decimals to try
     * @param to the most
     * @return the decimals, or -1
     */
    public static int fewestDecimals(double value, int from, int to) {
        if (from < 0 || to > 22) {
            throw new IllegalArgumentException("decimals " + from + ".." + to + " outside 0..22");
        }
        // A decimal with k decimals is near an integer at every scale from 10^k to 10^to (below 2^51, where
        // "near" is two roundings): so one test at 10^to turns most other doubles away, and bisection finds the
        // smallest scale that is near. A coincidence below k cannot push that past k: the search lands at or below
        // it, and the scan from there divides until a scale gives the bits back.
        double top = value * POW10[to];
        int first = from;
        if (Math.abs(top) < 0x1p51) {
            if (!nearInteger(top)) {
                return -1;
            }
            int last = to;
            while (first < last) {
                int mid = (first + last) >>> 1;
                if (nearInteger(value * POW10[mid])) {
                    last = mid;
                } else {
                    first = mid + 1;
                }
            }
        }
        long bits = Double.doubleToRawLongBits(value);
        for (int k = first; k <= to; k++) {
            double scaled = value * POW10[k];
            double unscaled = Math.rint(scaled);
            if (nearInteger(scaled)) {
                if (!(Math.abs(unscaled) < 0x1p53)) {
                    return -1;
                }
                if (Double.doubleToRawLongBits((long) unscaled / POW10[k]) == bits) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** @return whether {@code scaled} lies within two roundings of an integer */
    private static boolean nearInteger(double scaled) {
        double integer = Math.rint(scaled);
        return Math.abs(scaled - integer) <= Math.abs(integer) * 0x1p-50;
    }

    /**
     * @param value a double
     * @param scale its {@link #fewestDecimals} (or {@link #exactScale(double)})
     * @return the unscaled value that scale was checked with, {@code rint(value * 10^scale)}: the unscaled value of
     *     {@link #exact(double)}'s result, and what {@code unscaled / 10^scale} turns back into {@code value}
     */
    public static long exactUnscaled(double value, int scale) {
        return (long) Math.rint(value * POW10[scale]);
    }

    /**
     * @param unscaled an unscaled value
     * @param scale a scale
     * @return exactly {@code BigDecimal.valueOf(unscaled, scale).doubleValue()}
     */
    static double of(long unscaled, int scale) {
        if (scale < 1 || scale > MAX_SCALE || unscaled == Long.MIN_VALUE) {
            return BigDecimal.valueOf(unscaled, scale).doubleValue();
        }
        long magnitude = Math.abs(unscaled);
        if (magnitude < 1L << 52) {
            // both exact in doubles: one correctly rounded division, the JDK's own fast path
            return scale <= 22 ? unscaled / POW10[scale] : BigDecimal.valueOf(unscaled, scale).doubleValue();
        }
        double rounded = nearest(0, magnitude, scale, (double) magnitude / POW10[scale]);
        if (Double.isNaN(rounded)) {
            return BigDecimal.valueOf(unscaled, scale).doubleValue();
        }
        return unscaled < 0 ? -rounded : rounded;
    }

    /**
     * @param value a decimal
     * @return exactly {@code value.doubleValue()}
     */
    static double of(BigDecimal value) {
        int scale = value.scale();
        if (scale < 1 || scale > MAX_SCALE) {
            return value.doubleValue();
        }
        if (LongDecimals.fits(value)) {
            return of(LongDecimals.unscaled(value), scale);   // the ledger's usual case: a compact unscaled long
        }
        BigInteger digits = value.unscaledValue();
        int bits = digits.bitLength();
        if (bits <= 52 || bits > 126) {
            return value.doubleValue();        // the JDK's own fast path (one exact division), or too large here
        }
        BigInteger magnitude = digits.signum() < 0 ? digits.negate() : digits;
        long hi = bits > 64 ? magnitude.shiftRight(64).longValue() : 0;
        long lo = magnitude.longValue();
        double rounded = nearest(hi, lo, scale, magnitude.doubleValue() / POW10[scale]);
        if (Double.isNaN(rounded)) {
            return value.doubleValue();
        }
        return digits.signum() < 0 ? -rounded : rounded;
    }

    /**
     * The double nearest {@code u / 10^s} (ties to even) for {@code u = hi * 2^64 + lo} (unsigned, below 2^126),
     * starting from a guess within a few ulps; NaN if the guess was further off than that.
     */
    static double nearest(long hi, long lo, int s, double guess) {
        double y = guess;
        for (int step = 0; step < 8; step++) {
            double up = Math.nextUp(y);
            int above = compareToMidpoint(hi, lo, s, y);
            if (above > 0) {
                y = up;
                continue;
            }
            double down = Math.nextDown(y);
            int below = compareToMidpoint(hi, lo, s, down);
            if (below < 0) {
                y = down;
                continue;
            }
            if (above == 0) {
                return evenOf(y, up);
            }
            if (below == 0) {
                return evenOf(down, y);
            }
            return y;
        }
        return Double.NaN;
    }

    private static double evenOf(double a, double b) {
        return (Double.doubleToRawLongBits(a) & 1) == 0 ? a : b;
    }

    /**
     * Compares {@code u / 10^s} with the midpoint between the positive normal double {@code a} and the next one
     * up.
     *
     * @return negative, zero or positive as the quotient is below, at or above the midpoint
     */
    static int compareToMidpoint(long hi, long lo, int s, double a) {
        long bits = Double.doubleToRawLongBits(a);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1075;
        // midpoint = m * 2^(exponent - 1) with m = 2 * mantissa + 1 (< 2^54);
        // u / 10^s vs m * 2^(exponent - 1)  <=>  u vs q * 2^t with q = m * 5^s (< 2^117), t = exponent - 1 + s
        long m = 2 * mantissa + 1;
        int t = exponent - 1 + s;
        long qHi = Math.unsignedMultiplyHigh(m, POW5[s]);
        long qLo = m * POW5[s];
        if (t >= 0) {                          // u >> t vs q, then whether bits were shifted out
            long wHi;
            long wLo;
            boolean rest;
            if (t >= 128) {
                wHi = 0;
                wLo = 0;
                rest = (hi | lo) != 0;
            } else if (t >= 64) {
                wHi = 0;
                wLo = t == 64 ? hi : hi >>> (t - 64);
                rest = lo != 0 || (t > 64 && (hi & ((1L << (t - 64)) - 1)) != 0);
            } else if (t > 0) {
                wHi = hi >>> t;
                wLo = (lo >>> t) | (hi << (64 - t));
                rest = (lo & ((1L << t) - 1)) != 0;
            } else {
                wHi = hi;
                wLo = lo;
                rest = false;
            }
            int c = compare128(wHi, wLo, qHi, qLo);
            return c != 0 ? c : rest ? 1 : 0;
        }
        int k = -t;                            // u << k vs q
        int length = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
        if (length + k > 127) {
            return 1;                          // u << k >= 2^127 > q
        }
        long uHi;
        long uLo;
        if (k >= 64) {
            uHi = lo << (k - 64);
            uLo = 0;
        } else {
            uHi = (hi << k) | (lo >>> (64 - k));   // k >= 1 here
            uLo = lo << k;
        }
        return compare128(uHi, uLo, qHi, qLo);
    }

    private static int compare128(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
