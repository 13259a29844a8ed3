package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacdIndicatorTest {

    @Test
    void matches_the_difference_of_reference_emas_and_their_signal_on_every_orcl_bar() {
        assertMacd(12, 26, 9);
        assertMacd(5, 35, 5);
    }

    @Test
    void refuses_a_fast_period_not_below_the_slow_one() {
        assertThatThrownBy(() -> new MacdIndicator(26, 12, 9)).hasMessageContaining("fast period 26");
    }

    private static void assertMacd(int fast, int slow, int signal) {
        List<Candle> bars = OrclBars.candles();
        double[] closes = SeriesAssert.closes(bars);
        double[] fastEma = EmaIndicatorTest.reference(closes, fast);
        double[] slowEma = EmaIndicatorTest.reference(closes, slow);
        double[] macd = new double[closes.length];
        for (int t = 0; t < closes.length; t++) {
            macd[t] = fastEma[t] - slowEma[t];
        }
        double[] line = Arrays.copyOfRange(macd, slow - 1, macd.length);
        double[] signalTail = EmaIndicatorTest.reference(line, signal);
        double[] signalLine = SeriesAssert.nans(closes.length);
        double[] histogram = SeriesAssert.nans(closes.length);
        for (int i = 0; i < signalTail.length; i++) {
            signalLine[slow - 1 + i] = signalTail[i];
            histogram[slow - 1 + i] = line[i] - signalTail[i];
        }
        String label = "macd " + fast + "/" + slow + "/" + signal;
        int full = slow + signal - 1;

        SeriesAssert.assertMatches(label, SeriesAssert.run(new MacdIndicator(fast, slow, signal), bars), macd, slow);
        SeriesAssert.assertMatches(label + " signal",
                SeriesAssert.run(new MacdIndicator(fast, slow, signal), bars, MacdIndicator::signal), signalLine, full);
        SeriesAssert.assertMatches(label + " hist",
                SeriesAssert.run(new MacdIndicator(fast, slow, signal), bars, MacdIndicator::histogram), histogram, full);
    }
}
