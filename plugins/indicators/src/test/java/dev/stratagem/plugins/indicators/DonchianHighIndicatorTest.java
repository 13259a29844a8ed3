package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DonchianHighIndicatorTest {

    @Test
    void is_the_highest_high_of_the_n_bars_before_each_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        for (int n : new int[] {1, 20, 55}) {
            double[] expected = SeriesAssert.nans(bars.size());
            for (int t = n; t < bars.size(); t++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = t - n; i < t; i++) {
                    max = Math.max(max, bars.get(i).high());
                }
                expected[t] = max;
            }
            SeriesAssert.assertMatches("donchian_high_" + n,
                    SeriesAssert.run(new DonchianHighIndicator(n), bars), expected, n + 1);
        }
    }

    @Test
    void excludes_the_current_bar_so_a_close_above_it_is_a_breakout() {
        DonchianHighIndicator high = new DonchianHighIndicator(2);
        high.update(new Candle("X", 0, 10, 11, 9, 10, 1));
        high.update(new Candle("X", 1, 10, 12, 9, 10, 1));
        high.update(new Candle("X", 2, 10, 20, 9, 19, 1));

        assertThat(high.value()).isEqualTo(12);
    }
}
