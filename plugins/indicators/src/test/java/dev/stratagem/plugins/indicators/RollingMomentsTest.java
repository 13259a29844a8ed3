package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingMomentsTest {

    @Test
    void keeps_a_small_spread_on_a_huge_level_accurate_over_many_windows() {
        Random random = new Random(7);
        int n = 30;
        RollingMoments moments = new RollingMoments(n);
        double[] xs = new double[20_000];
        for (int t = 0; t < xs.length; t++) {
            xs[t] = 1e9 + t * 10 + random.nextGaussian(); // drifting level, spread about 1
            moments.push(xs[t]);
            if (t >= n - 1) {
                double mean = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    mean += xs[i] - 1e9;
                }
                mean = mean / n + 1e9;
                double squares = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    squares += (xs[i] - mean) * (xs[i] - mean);
                }
                double variance = squares / n;
                assertThat(moments.populationVariance()).as("t=%d", t).isCloseTo(variance, within(1e-6 * variance));
                assertThat(moments.mean()).isCloseTo(mean, within(1e-6));
            }
        }
    }

    @Test
    void reports_exactly_zero_variance_for_a_flat_window_right_after_a_collapse_in_level() {
        RollingMoments moments = new RollingMoments(3);
        for (double x : new double[] {1e9, 3, 0.7, 0.7, 0.7}) {
            moments.push(x);
        }

        assertThat(moments.populationVariance()).isZero();
        assertThat(moments.sampleVariance()).isZero();
        assertThat(moments.mean()).isCloseTo(0.7, within(1e-15));
    }

    @Test
    void stays_accurate_when_the_level_drops_nine_orders_of_magnitude_inside_one_window() {
        RollingMoments moments = new RollingMoments(3);
        for (double x : new double[] {1e9, 2e9, 3e9, 1, 2, 3}) {
            moments.push(x);
        }

        assertThat(moments.mean()).isCloseTo(2, within(1e-12));
        assertThat(moments.populationVariance()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(moments.sampleVariance()).isCloseTo(1, within(1e-12));
    }

    @Test
    void reports_exactly_zero_variance_for_any_flat_window_after_any_history() {
        Random random = new Random(11);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 2 + random.nextInt(30);
            RollingMoments moments = new RollingMoments(n);
            int history = random.nextInt(3 * n);
            for (int i = 0; i < history; i++) {
                moments.push(Math.exp(random.nextGaussian() * 5) * 1e4);
            }
            double flat = Math.exp(random.nextGaussian() * 5) * 1e4;
            for (int i = 0; i < n; i++) {
                moments.push(flat);
            }
            assertThat(moments.populationVariance()).as("trial %d, n=%d, flat %s", trial, n, flat).isZero();
        }
    }
}
