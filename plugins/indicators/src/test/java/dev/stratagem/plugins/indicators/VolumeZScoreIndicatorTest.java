package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeZScoreIndicatorTest {

    @Test
    void matches_a_two_pass_z_score_of_every_orcl_volume_window() {
        List<Candle> bars = OrclBars.candles();
        double[] volumes = bars.stream().mapToDouble(Candle::volume).toArray();
        for (int n : new int[] {2, 20, 50}) {
            double[] expected = SeriesAssert.nans(volumes.length);
            for (int t = n - 1; t < volumes.length; t++) {
                double mean = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    mean += volumes[i];
                }
                mean /= n;
                double squares = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    squares += (volumes[i] - mean) * (volumes[i] - mean);
                }
                double std = Math.sqrt(squares / n);
                expected[t] = std == 0 ? 0 : (volumes[t] - mean) / std;
            }
            SeriesAssert.assertMatches("volume_z_" + n, SeriesAssert.run(new VolumeZScoreIndicator(n), bars),
                    expected, n);
        }
    }

    @Test
    void is_zero_when_the_volumes_of_the_window_are_all_equal() {
        VolumeZScoreIndicator z = new VolumeZScoreIndicator(3);
        double[] volumes = {5e8, 7e7, 123_456_789.125, 1e9, 0.3, 0.3, 0.3};
        for (int i = 0; i < volumes.length; i++) {
            z.update(new Candle("X", i, 1, 1, 1, 1, volumes[i]));
        }

        assertThat(z.value()).isZero();
    }
}
