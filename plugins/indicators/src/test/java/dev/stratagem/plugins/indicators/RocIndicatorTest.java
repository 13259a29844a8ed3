package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocIndicatorTest {

    @Test
    void matches_close_over_close_n_bars_ago_on_every_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        for (int n : new int[] {1, 10, 252}) {
            double[] expected = SeriesAssert.nans(closes.length);
            for (int t = n; t < closes.length; t++) {
                expected[t] = closes[t] / closes[t - n] - 1;
            }
            SeriesAssert.assertMatches("roc_" + n, SeriesAssert.run(new RocIndicator(n), bars), expected, n + 1);
        }
    }
}
