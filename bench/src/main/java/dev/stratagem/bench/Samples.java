package dev.stratagem.bench;

import java.util.Arrays;
import java.util.Locale;

/** Repeated measurements of one quantity: median and spread (min..max). */
record Samples(double[] values) {

    double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        return values.length == 0 ? Double.NaN : sorted()[values.length - 1];
    }

    /** @param q 0..1; NaN for no samples */
    double quantile(double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted();
        return s[(int) Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
    }

    private double[] sorted() {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** @return {@code median (min..max, n=...)} with the given format per number, or a dash for no samples */
    String describe(String format) {
        if (values.length == 0) {
            return "- (not run)";
        }
        return String.format(Locale.ROOT, format + " (" + format + ".." + format + ", n=%d)",
                median(), min(), max(), values.length);
    }
}
