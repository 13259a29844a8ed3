package dev.stratagem.runtime.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerformanceStatsTest {

    @Test
    void max_drawdown_is_the_deepest_fall_from_a_running_peak() {
        // 120 -> 90 is 25 %; 130 -> 65 is 50 %
        assertThat(PerformanceStats.maxDrawdown(new double[] {100, 120, 90, 130, 65, 70})).isEqualTo(0.5);
    }

    @Test
    void max_drawdown_is_zero_for_a_rising_or_empty_curve() {
        assertThat(PerformanceStats.maxDrawdown(new double[] {1, 2, 2, 3})).isZero();
        assertThat(PerformanceStats.maxDrawdown(new double[0])).isZero();
    }

    @Test
    void sharpe_annualises_mean_over_sample_std_of_simple_returns() {
        double sharpe = PerformanceStats.sharpe(new double[] {100, 110, 99, 108.9}, 252);

        assertThat(sharpe).isCloseTo(Math.sqrt(756) / 6, within(1e-9));
    }

    @Test
    void sharpe_is_zero_without_enough_returns_or_variance() {
        assertThat(PerformanceStats.sharpe(new double[] {100, 101}, 252)).isZero();
        assertThat(PerformanceStats.sharpe(new double[] {100, 100, 100, 100}, 252)).isZero();
        assertThat(PerformanceStats.sharpe(new double[0], 252)).isZero();
    }

    @Test
    void total_return_is_last_over_first_minus_one() {
        assertThat(PerformanceStats.totalReturn(100_000, 102_646.0652)).isCloseTo(0.026460652, within(1e-12));
        assertThatThrownBy(() -> PerformanceStats.totalReturn(0, 1)).hasMessageContaining("first equity");
    }
}
