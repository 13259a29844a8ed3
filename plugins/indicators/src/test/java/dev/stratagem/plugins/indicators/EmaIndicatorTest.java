package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaIndicatorTest {

    @Test
    void matches_the_closed_form_weighted_sum_on_every_orcl_bar() {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        for (int n : new int[] {1, 9, 12, 26, 50}) {
            SeriesAssert.assertMatches("ema_" + n, SeriesAssert.run(new EmaIndicator(n), bars),
                    reference(closes, n), n);
        }
    }

    /**
     * ema_t = (1-a)^(t-n+1) * mean(x_0..x_{n-1}) + sum over k in 0..t-n of a (1-a)^k x_{t-k}, evaluated
     * afresh for every bar.
     */
    static double[] reference(double[] x, int n) {
        double alpha = 2.0 / (n + 1);
        double[] out = SeriesAssert.nans(x.length);
        double seed = 0;
        for (int i = 0; i < n && i < x.length; i++) {
            seed += x[i];
        }
        seed /= n;
        for (int t = n - 1; t < x.length; t++) {
            double weighted = 0;
            double decay = 1;
            for (int k = 0; k <= t - n; k++) {
                weighted += alpha * decay * x[t - k];
                decay *= 1 - alpha;
            }
            out[t] = weighted + decay * seed;
        }
        return out;
    }
}
