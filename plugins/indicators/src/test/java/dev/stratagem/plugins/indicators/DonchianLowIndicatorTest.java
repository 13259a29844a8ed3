package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DonchianLowIndicatorTest {

    @Test
    void is_the_lowest_low_of_the_n_bars_before_each_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        for (int n : new int[] {1, 20, 55}) {
            double[] expected = SeriesAssert.nans(bars.size());
            for (int t = n; t < bars.size(); t++) {
                double min = Double.POSITIVE_INFINITY;
                for (int i = t - n; i < t; i++) {
                    min = Math.min(min, bars.get(i).low());
                }
                expected[t] = min;
            }
            SeriesAssert.assertMatches("donchian_low_" + n,
                    SeriesAssert.run(new DonchianLowIndicator(n), bars), expected, n + 1);
        }
    }
}
