package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmaIndicatorTest {

    private static final LocalDate TIE = LocalDate.of(2004, 6, 29);

    @Test
    void equals_the_exact_decimal_mean_of_every_orcl_window_bit_for_bit() {
        List<OrclBars.Row> rows = OrclBars.rows();
        for (int n : new int[] {1, 2, 10, 30, 200}) {
            double[] actual = SeriesAssert.run(new SmaIndicator(n), OrclBars.candles());
            for (int t = 0; t < rows.size(); t++) {
                if (t < n - 1) {
                    assertThat(actual[t]).as("sma_%d bar %d", n, t).isNaN();
                    continue;
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = t - n + 1; i <= t; i++) {
                    sum = sum.add(rows.get(i).close());
                }
                double expected = sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
                assertThat(actual[t]).as("sma_%d bar %d (%s)", n, t, rows.get(t).date()).isEqualTo(expected);
            }
        }
    }

    @Test
    void sma_10_equals_sma_30_exactly_on_2004_06_29_and_not_the_day_before_or_after() {
        int tie = OrclBars.indexOf(TIE);
        double[] sma10 = SeriesAssert.run(new SmaIndicator(10), OrclBars.candles());
        double[] sma30 = SeriesAssert.run(new SmaIndicator(30), OrclBars.candles());

        assertThat(sma10[tie]).isEqualTo(sma30[tie]);
        assertThat(sma10[tie - 1]).isNotEqualTo(sma30[tie - 1]);
        assertThat(sma10[tie + 1]).isNotEqualTo(sma30[tie + 1]);
    }

    @Test
    void a_plain_running_double_sum_misses_the_2004_06_29_tie_which_is_why_the_sum_is_fixed_point() {
        int tie = OrclBars.indexOf(TIE);
        double[] closes = SeriesAssert.closes(OrclBars.candles());

        assertThat(naiveRunningSma(closes, 10, tie)).isNotEqualTo(naiveRunningSma(closes, 30, tie));
    }

    @Test
    void averages_huge_sums_beyond_2_to_the_53_exactly_too() {
        int n = 1000;
        SmaIndicator sma = new SmaIndicator(n);
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            double price = i % 2 == 0 ? 12_345.678_901_23 : 54_321.5;
            sma.update(price);
            sum = sum.add(new BigDecimal(Double.toString(price)));
        }
        double expected = sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();

        assertThat(sma.value()).isEqualTo(expected);
    }

    @Test
    void equal_means_of_different_windows_are_bit_identical() {
        SmaIndicator two = new SmaIndicator(2);
        SmaIndicator three = new SmaIndicator(3);
        two.update(0.1);
        two.update(0.3);
        for (double p : new double[] {0.1, 0.2, 0.3}) {
            three.update(p);
        }

        assertThat(two.value()).isEqualTo(three.value()).isEqualTo(0.2);
    }

    @Test
    void refuses_a_price_that_would_overflow_the_exact_sum() {
        SmaIndicator sma = new SmaIndicator(100_000);

        assertThatThrownBy(() -> sma.update(new Candle("X", 0, 1e6, 1e6, 1e6, 1e6, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100000-bar SMA");
    }

    @Test
    void refuses_a_period_below_one() {
        assertThatThrownBy(() -> new SmaIndicator(0)).hasMessageContaining("SMA period must be between 1");
    }

    private static double naiveRunningSma(double[] closes, int n, int t) {
        double sum = 0;
        for (int i = 0; i <= t; i++) {
            sum += closes[i];
            if (i >= n) {
                sum -= closes[i - n];
            }
        }
        return sum / n;
    }
}
