package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsiIndicatorTest {

    @Test
    void matches_a_from_scratch_wilder_rsi_on_every_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        for (int n : new int[] {2, 14, 30}) {
            double[] expected = SeriesAssert.nans(closes.length);
            for (int t = n; t < closes.length; t++) {
                expected[t] = rsiAt(closes, n, t);
            }
            SeriesAssert.assertMatches("rsi_" + n, SeriesAssert.run(new RsiIndicator(n), bars), expected, n + 1);
        }
    }

    @Test
    void is_100_without_losses_and_50_on_a_flat_window() {
        RsiIndicator rising = new RsiIndicator(3);
        RsiIndicator flat = new RsiIndicator(3);
        for (int i = 0; i < 4; i++) {
            rising.update(new Candle("X", i, 10 + i, 10 + i, 10 + i, 10 + i, 1));
            flat.update(new Candle("X", i, 10, 10, 10, 10, 1));
        }

        assertThat(rising.value()).isEqualTo(100);
        assertThat(flat.value()).isEqualTo(50);
    }

    /** Wilder's RSI recomputed from the first bar up to bar t. */
    private static double rsiAt(double[] closes, int n, int t) {
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= n; i++) {
            double change = closes[i] - closes[i - 1];
            gain += change > 0 ? change : 0;
            loss += change < 0 ? -change : 0;
        }
        gain /= n;
        loss /= n;
        for (int i = n + 1; i <= t; i++) {
            double change = closes[i] - closes[i - 1];
            gain = (gain * (n - 1) + (change > 0 ? change : 0)) / n;
            loss = (loss * (n - 1) + (change < 0 ? -change : 0)) / n;
        }
        if (loss == 0) {
            return gain == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + gain / loss);
    }
}
