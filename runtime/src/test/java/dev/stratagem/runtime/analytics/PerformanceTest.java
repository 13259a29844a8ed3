package dev.stratagem.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerformanceTest {

    @Test
    void sharpe_of_a_hand_computed_series() {
        // mean 0.02, sample sd 0.01
        assertThat(Performance.sharpe(new double[] {0.01, 0.02, 0.03}, 0, 1)).isCloseTo(2.0, within(1e-12));
        assertThat(Performance.sharpe(new double[] {0.01, 0.02, 0.03}, 0, 252)).isCloseTo(2.0 * Math.sqrt(252), within(1e-9));
        assertThat(Performance.sharpe(new double[] {0.01, 0.02, 0.03}, 0.01, 1)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sortino_divides_by_the_downside_deviation_only() {
        // mean 0.005; downside sqrt((0.01^2 + 0.01^2) / 4)
        double expected = 0.005 / Math.sqrt(0.0002 / 4);
        assertThat(Performance.sortino(new double[] {0.02, -0.01, 0.02, -0.01}, 0, 1)).isCloseTo(expected, within(1e-12));
        assertThat(Performance.sortino(new double[] {0.01, 0.02}, 0, 1)).isZero();
    }

    @Test
    void max_drawdown_is_the_deepest_fall_from_a_running_peak() {
        assertThat(Performance.maxDrawdown(new double[] {100, 120, 90, 110, 80, 130})).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(Performance.maxDrawdown(new double[] {100, 101, 102})).isZero();
    }

    @Test
    void beta_of_a_leveraged_copy_of_the_benchmark_is_its_leverage() {
        double[] b = {0.01, 0.02, -0.01, 0.0, 0.015};
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = 2 * b[i] + 0.001;
        }
        assertThat(Performance.beta(r, b)).isCloseTo(2.0, within(1e-12));
        assertThat(Performance.beta(r, new double[] {0.01, 0.01, 0.01, 0.01, 0.01})).isNaN();
    }

    @Test
    void returns_between_consecutive_values() {
        assertThat(Performance.returns(new double[] {100, 110, 99})).containsExactly(new double[] {0.1, -0.1}, within(1e-15));
    }

    @Test
    void a_run_report_puts_the_figures_together() {
        double[] equity = {100, 101, 99, 102, 100, 103, 104, 101, 105};
        RunReport report = RunReport.of(equity, equity, 252);
        assertThat(report.periods()).isEqualTo(8);
        assertThat(report.beta()).isCloseTo(1.0, within(1e-12));
        assertThat(report.maxDrawdown()).isEqualTo(Performance.maxDrawdown(equity));
        assertThat(report.historical().var()).isCloseTo(-(101.0 / 104 - 1), within(1e-12));
        assertThat(report.summary()).contains("sharpe", "VaR99");
    }
}
