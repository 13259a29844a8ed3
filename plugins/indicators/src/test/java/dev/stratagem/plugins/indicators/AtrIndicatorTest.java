package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtrIndicatorTest {

    @Test
    void matches_a_from_scratch_wilder_average_of_true_ranges_on_every_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        for (int n : new int[] {1, 14, 20}) {
            double[] expected = SeriesAssert.nans(bars.size());
            for (int t = n; t < bars.size(); t++) {
                expected[t] = atrAt(bars, n, t);
            }
            SeriesAssert.assertMatches("atr_" + n, SeriesAssert.run(new AtrIndicator(n), bars), expected, n + 1);
        }
    }

    private static double trueRange(List<Candle> bars, int i) {
        Candle c = bars.get(i);
        double previousClose = bars.get(i - 1).close();
        double range = c.high() - c.low();
        range = Math.max(range, Math.abs(c.high() - previousClose));
        return Math.max(range, Math.abs(c.low() - previousClose));
    }

    private static double atrAt(List<Candle> bars, int n, int t) {
        double atr = 0;
        for (int i = 1; i <= n; i++) {
            atr += trueRange(bars, i);
        }
        atr /= n;
        for (int i = n + 1; i <= t; i++) {
            atr = (atr * (n - 1) + trueRange(bars, i)) / n;
        }
        return atr;
    }
}
