package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class BollingerIndicatorTest {

    @Test
    void matches_a_two_pass_mean_and_population_deviation_of_every_orcl_window() {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        for (int n : new int[] {2, 5, 20, 100}) {
            double[] upper = SeriesAssert.nans(closes.length);
            double[] middle = SeriesAssert.nans(closes.length);
            double[] lower = SeriesAssert.nans(closes.length);
            for (int t = n - 1; t < closes.length; t++) {
                double mean = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    mean += closes[i];
                }
                mean /= n;
                double squares = 0;
                for (int i = t - n + 1; i <= t; i++) {
                    squares += (closes[i] - mean) * (closes[i] - mean);
                }
                double std = Math.sqrt(squares / n);
                upper[t] = mean + 2 * std;
                middle[t] = mean;
                lower[t] = mean - 2 * std;
            }
            SeriesAssert.assertMatches("bb_upper_" + n,
                    SeriesAssert.run(new BollingerIndicator(n, 2), bars, BollingerIndicator::upper), upper, n);
            SeriesAssert.assertMatches("bb_middle_" + n,
                    SeriesAssert.run(new BollingerIndicator(n, 2), bars), middle, n);
            SeriesAssert.assertMatches("bb_lower_" + n,
                    SeriesAssert.run(new BollingerIndicator(n, 2), bars, BollingerIndicator::lower), lower, n);
        }
    }

    @Test
    void middle_band_is_bit_identical_to_the_sma_of_the_same_period() {
        List<Candle> bars = OrclBars.candles();

        assertThat(SeriesAssert.run(new BollingerIndicator(20, 2), bars))
                .containsExactly(SeriesAssert.run(new SmaIndicator(20), bars));
    }

    @Test
    void bands_collapse_onto_the_middle_on_a_flat_window() {
        BollingerIndicator bb = new BollingerIndicator(4, 2);
        for (int i = 0; i < 10; i++) {
            bb.update(new Candle("X", i, 0.1, 0.1, 0.1, 0.1, 1));
        }

        assertThat(bb.upper()).isEqualTo(bb.value()).isEqualTo(bb.lower()).isEqualTo(0.1);
    }
}
