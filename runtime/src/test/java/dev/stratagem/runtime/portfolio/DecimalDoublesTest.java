package dev.stratagem.runtime.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalDoublesTest {

    private static void assertSame(BigDecimal value) {
        double expected = value.doubleValue();
        double actual = DecimalDoubles.of(value);
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
            throw new AssertionError(value + ": expected " + expected + " but was " + actual);
        }
    }

    @Test
    void agrees_with_BigDecimal_doubleValue_on_ledger_like_products_of_prices_and_quantities() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500_000; i++) {
            BigDecimal price = BigDecimal.valueOf(Math.max(1e-3, 100 * Math.exp(random.nextGaussian())));
            BigDecimal quantity = BigDecimal.valueOf(random.nextInt(1, 10_000));
            BigDecimal cash = BigDecimal.valueOf(random.nextDouble() * 2_000_000 - 500_000);
            BigDecimal value = quantity.multiply(price);
            assertSame(value);
            assertSame(value.negate());
            assertSame(cash.add(value));
            assertSame(value.subtract(quantity.multiply(BigDecimal.valueOf(random.nextDouble() * 200))));
        }
    }

    @Test
    void agrees_with_BigDecimal_doubleValue_on_random_unscaled_values_and_scales() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            BigInteger unscaled = new BigInteger(random.nextInt(40, 130), new java.util.Random(random.nextLong()));
            int scale = random.nextInt(-2, 31);
            assertSame(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale));
        }
    }

    @Test
    void rounds_exact_midpoints_to_the_even_neighbour_as_the_JDK_does() {
        SplittableRandom random = new SplittableRandom(13);
        int checked = 0;
        for (int i = 0; i < 300_000; i++) {
            // an odd 54-bit integer is a midpoint between two doubles; times 2^k, written with s decimals
            long odd = (1L << 53) | random.nextLong(1L << 53) | 1;
            BigInteger midpoint = BigInteger.valueOf(odd).shiftLeft(random.nextInt(0, 40));
            int scale = random.nextInt(1, 28);
            BigInteger unscaled = midpoint.multiply(BigInteger.TEN.pow(scale));
            if (unscaled.bitLength() <= 126) {
                assertSame(new BigDecimal(unscaled, scale));
                assertSame(new BigDecimal(unscaled.negate(), scale));
                checked++;
            }
            // midpoints with a negative binary exponent: odd / 2^j is exact in j decimals
            int j = random.nextInt(1, 27);
            BigDecimal fraction = new BigDecimal(BigInteger.valueOf(odd)).divide(BigDecimal.valueOf(1L << j));
            if (fraction.unscaledValue().bitLength() <= 126) {
                assertSame(fraction);
                checked++;
            }
            assertSame(new BigDecimal(BigInteger.valueOf(odd).add(BigInteger.ONE), 0).movePointLeft(random.nextInt(1, 4)));
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void edge_values_match_the_JDK() {
        BigInteger two = BigInteger.TWO;
        List<BigInteger> unscaled = new ArrayList<>();
        for (int p : new int[] {52, 53, 62, 63, 64, 65, 126, 127}) {
            unscaled.add(two.pow(p).subtract(BigInteger.ONE));
            unscaled.add(two.pow(p));
            unscaled.add(two.pow(p).add(BigInteger.ONE));
        }
        unscaled.add(BigInteger.ZERO);
        unscaled.add(BigInteger.ONE);
        unscaled.add(new BigInteger("99999999999999999999999999999999999999"));
        unscaled.add(new BigInteger("12345678901234567890123456789"));
        for (BigInteger u : unscaled) {
            for (int scale = -1; scale <= 30; scale++) {
                assertSame(new BigDecimal(u, scale));
                assertSame(new BigDecimal(u.negate(), scale));
            }
        }
    }

    @Test
    void exact_gives_BigDecimal_valueOf_with_its_scale_for_prices_and_any_double() {
        SplittableRandom random = new SplittableRandom(11);
        double[] edges = {0.001, 0.0009999999999999998, 1e6, 999999.99999999, 999999.999999999, 1.0, 100.0, 0.1,
            0.3, 2.37037, 1e-3 + 1e-12, 12345.6789, -0.5, 0.0, -0.0, Double.MIN_VALUE, 1e7};
        for (double v : edges) {
            assertThat(DecimalDoubles.exact(v)).as("%s", v).isEqualTo(BigDecimal.valueOf(v));
        }
        for (int i = 0; i < 1_000_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextLong(1, 100_000_000) / Math.pow(10, random.nextInt(0, 9));
                case 1 -> random.nextDouble(-1e6, 1e6);
                case 2 -> Math.round(random.nextDouble(0, 5000) * 100) / 100.0;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            // equals compares the scale too: 100.0 is 1000 at scale 1, as Double.toString writes it
            assertThat(DecimalDoubles.exact(v)).as("%s", v).isEqualTo(BigDecimal.valueOf(v));
        }
    }
}
