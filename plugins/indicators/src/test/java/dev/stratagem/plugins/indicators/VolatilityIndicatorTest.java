package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolatilityIndicatorTest {

    @Test
    void matches_a_two_pass_sample_deviation_of_log_returns_on_every_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        for (int n : new int[] {2, 20, 60}) {
            double[] expected = SeriesAssert.nans(closes.length);
            for (int t = n; t < closes.length; t++) {
                double[] returns = new double[n];
                double mean = 0;
                for (int k = 0; k < n; k++) {
                    int i = t - n + 1 + k;
                    returns[k] = Math.log(closes[i] / closes[i - 1]);
                    mean += returns[k];
                }
                mean /= n;
                double squares = 0;
                for (double r : returns) {
                    squares += (r - mean) * (r - mean);
                }
                expected[t] = Math.sqrt(squares / (n - 1));
            }
            SeriesAssert.assertMatches("volatility_" + n, SeriesAssert.run(new VolatilityIndicator(n), bars),
                    expected, n + 1);
        }
    }

    @Test
    void is_zero_on_a_steady_trend_of_equal_returns() {
        VolatilityIndicator volatility = new VolatilityIndicator(5);
        double price = 1;
        for (int i = 0; i < 20; i++) {
            volatility.update(new Candle("X", i, price, price, price, price, 1));
            price *= 2; // exact, so every log return is exactly ln 2
        }

        assertThat(volatility.value()).isZero();
    }
}
