package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RationaleFormatTest {

    /** The definition the fast path must match digit for digit. */
    private static String reference(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    @Test
    void formats_edge_values_like_BigDecimal_rounding_to_six_digits() {
        double[] values = {0.0, -0.0, 1, -1, 10, 100, 100000, 999999.5, 9999995, 0.9999995, -0.9999995, 123456.5,
            123456.4999, 1234565, 0.1, 0.001, 1.0E-5, 1.0E-7, 1.234565E-7, 1.0E7, 1.0E21, 1.0E22, 9.999995E22,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
            2.0025295, 2.0297123333333333, 1.944388, 100535.7325, 0.5, 5.0E-4, 12.5, 99.99995,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : values) {
            assertThat(RationaleFormat.num(v)).as("%s", v).isEqualTo(reference(v));
        }
    }

    @Test
    void formats_a_million_random_doubles_like_BigDecimal_rounding_to_six_digits() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1_000_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble(-1000, 1000);
                case 2 -> Math.round(random.nextDouble(0, 1e6)) / 1e4;
                default -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 25));
            };
            assertThat(RationaleFormat.num(v)).as("%s", v).isEqualTo(reference(v));
        }
    }

    @Test
    void formats_seven_digit_decimal_ties_and_decade_edges_like_BigDecimal_rounding_to_six_digits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seven = random.nextLong(100_000, 1_000_000) * 10 + (i % 2 == 0 ? 5 : random.nextInt(10));
            double v = (i % 3 == 0 ? -1 : 1) * (seven / Math.pow(10, random.nextInt(0, 16)));
            assertThat(RationaleFormat.num(v)).as("%s", v).isEqualTo(reference(v));
            double edge = Math.pow(10, random.nextInt(-10, 16));
            for (double e : new double[] {edge, Math.nextUp(edge), Math.nextDown(edge), edge * 0.9999995}) {
                assertThat(RationaleFormat.num(e)).as("%s", e).isEqualTo(reference(e));
            }
        }
    }
}
