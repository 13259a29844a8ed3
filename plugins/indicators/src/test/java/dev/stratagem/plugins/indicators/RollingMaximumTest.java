package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingMaximumTest {

    @Test
    void agrees_with_a_scan_of_the_window_on_random_data_with_many_ties() {
        Random random = new Random(42);
        for (int n : new int[] {1, 2, 3, 7, 64}) {
            RollingMaximum max = new RollingMaximum(n);
            double[] xs = new double[5_000];
            for (int t = 0; t < xs.length; t++) {
                xs[t] = random.nextInt(20); // small range: plenty of equal values
                max.push(xs[t]);
                double expected = Double.NEGATIVE_INFINITY;
                for (int i = Math.max(0, t - n + 1); i <= t; i++) {
                    expected = Math.max(expected, xs[i]);
                }
                assertThat(max.max()).as("n=%d t=%d", n, t).isEqualTo(expected);
                assertThat(max.full()).isEqualTo(t >= n - 1);
            }
        }
    }
}
