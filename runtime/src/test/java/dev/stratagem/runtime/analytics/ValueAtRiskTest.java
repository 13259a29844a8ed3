package dev.stratagem.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValueAtRiskTest {

    private static final double[] TEN = {-0.10, -0.05, -0.02, 0.01, 0.03, 0.00, 0.02, -0.01, 0.04, 0.05};

    @Test
    void historical_var_is_the_kth_worst_return_and_cvar_the_mean_of_the_tail() {
        VarEstimate at90 = ValueAtRisk.historical(TEN, 0.90);
        assertThat(at90.var()).isCloseTo(0.10, within(1e-15));
        assertThat(at90.cvar()).isCloseTo(0.10, within(1e-15));
        VarEstimate at80 = ValueAtRisk.historical(TEN, 0.80);
        assertThat(at80.var()).isCloseTo(0.05, within(1e-15));
        assertThat(at80.cvar()).isCloseTo(0.075, within(1e-15));
        VarEstimate at70 = ValueAtRisk.historical(TEN, 0.70);
        assertThat(at70.var()).isCloseTo(0.02, within(1e-15));
        assertThat(at70.cvar()).isCloseTo((0.10 + 0.05 + 0.02) / 3, within(1e-15));
    }

    @Test
    void the_normal_quantile_matches_tabulated_values() {
        assertThat(Statistics.normalQuantile(0.95)).isCloseTo(1.6448536269514722, within(1e-8));
        assertThat(Statistics.normalQuantile(0.99)).isCloseTo(2.3263478740408408, within(1e-8));
        assertThat(Statistics.normalQuantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(Statistics.normalQuantile(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
    }

    @Test
    void parametric_var_and_cvar_match_the_closed_form() {
        double z = 2.3263478740408408;
        double pdf = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        VarEstimate e = ValueAtRisk.parametric(0.001, 0.02, 0.99);
        assertThat(e.var()).isCloseTo(z * 0.02 - 0.001, within(1e-9));
        assertThat(e.cvar()).isCloseTo(0.02 * pdf / 0.01 - 0.001, within(1e-9));
        assertThat(e.cvar()).isGreaterThan(e.var());
    }

    @Test
    void parametric_from_returns_uses_the_sample_mean_and_deviation() {
        double[] r = {0.01, -0.01, 0.03, -0.03};  // mean 0, sample sd sqrt(0.002 / 3)
        VarEstimate e = ValueAtRisk.parametric(r, 0.95);
        assertThat(e.var()).isCloseTo(1.6448536269514722 * Math.sqrt(0.002 / 3), within(1e-9));
    }

    @Test
    void monte_carlo_gbm_converges_to_the_lognormal_closed_form_and_is_reproducible() {
        double mu = 0.0005;
        double sigma = 0.02;
        double horizon = 10;
        double z = 2.3263478740408408;
        double closedForm = -Math.expm1((mu - sigma * sigma / 2) * horizon - z * sigma * Math.sqrt(horizon));
        VarEstimate e = ValueAtRisk.monteCarlo(mu, sigma, horizon, 400_000, 7, 0.99);
        assertThat(e.var()).isCloseTo(closedForm, within(closedForm * 0.01));
        assertThat(e.cvar()).isGreaterThan(e.var());
        assertThat(ValueAtRisk.monteCarlo(mu, sigma, horizon, 1000, 7, 0.99))
                .isEqualTo(ValueAtRisk.monteCarlo(mu, sigma, horizon, 1000, 7, 0.99));
    }

    @Test
    void bad_inputs_are_refused_with_a_reason() {
        assertThatThrownBy(() -> ValueAtRisk.historical(TEN, 1.0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[0], 0.9)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ValueAtRisk.parametric(new double[] {0.1, Double.NaN}, 0.9))
                .hasMessageContaining("not finite");
    }
}
