package dev.stratagem.plugins.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stratagem.api.Candle;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Runs an indicator over a series and compares it bar by bar with a reference recomputation. */
final class SeriesAssert {

    /** Absolute below magnitude 1, relative above. */
    static final double TOLERANCE = 1e-9;

    private SeriesAssert() {}

    static <I extends Indicator> double[] run(I indicator, List<Candle> bars, ToDoubleFunction<I> output) {
        double[] values = new double[bars.size()];
        for (int t = 0; t < bars.size(); t++) {
            indicator.update(bars.get(t));
            values[t] = output.applyAsDouble(indicator);
        }
        return values;
    }

    static double[] run(Indicator indicator, List<Candle> bars) {
        return run(indicator, bars, Indicator::value);
    }

    /**
     * Asserts both series are NaN on exactly the first {@code warmup - 1} bars and agree within
     * {@link #TOLERANCE} on every other bar.
     */
    static void assertMatches(String label, double[] actual, double[] expected, int warmup) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int t = 0; t < expected.length; t++) {
            boolean warm = t >= warmup - 1;
            if (!warm) {
                if (!Double.isNaN(actual[t]) || !Double.isNaN(expected[t])) {
                    fail(label + " bar " + t + " is inside the warm-up of " + warmup + " bars, expected NaN, got "
                            + actual[t] + " (reference " + expected[t] + ")");
                }
                continue;
            }
            double e = expected[t];
            double a = actual[t];
            if (Double.isNaN(e) || Double.isNaN(a) || Math.abs(a - e) > TOLERANCE * Math.max(1, Math.abs(e))) {
                fail(label + " bar " + t + ": got " + a + ", reference " + e + " (diff " + (a - e) + ")");
            }
        }
    }

    static double[] closes(List<Candle> bars) {
        return bars.stream().mapToDouble(Candle::close).toArray();
    }

    static double[] nans(int length) {
        double[] out = new double[length];
        java.util.Arrays.fill(out, Double.NaN);
        return out;
    }
}
