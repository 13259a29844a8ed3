package dev.stratagem.plugins.indicators;

/**
 * Mean and variance of the last {@code n} values in O(1) amortised per value.
 *
 * <p>{@code sum(x^2) - sum(x)^2 / n} cancels catastrophically when the mean is large next to the spread
 * (prices, volumes), so the sums are of deviations from a shift near the mean, compensated. The shift
 * moves to the current mean (an O(n) re-sum) every {@code n} values, and at once when the spread has
 * become tiny next to the distance from the shift (a volume collapsing from 1e9 to 1e3): amortised O(1)
 * unless the level jumps by thousands of standard deviations on every value. A variance within rounding
 * noise of the second moment about the shift is reported as exactly zero, so a flat window has a standard
 * deviation of 0, not 1e-9.
 */
final class RollingMoments {

    /** Variance below this share of the mean squared deviation from the shift is rounding noise. */
    private static final double NOISE = 1e-13;
    /** Variance below this share of it has lost digits to cancellation: time to re-centre. */
    private static final double STALE = 1e-6;

    private final int n;
    private final double[] window;
    private final CompensatedSum deviations = new CompensatedSum();
    private final CompensatedSum squares = new CompensatedSum();
    private int count;
    private int next;
    private int sinceShift;
    private double shift = Double.NaN;

    RollingMoments(int n) {
        this.n = n;
        this.window = new double[n];
    }

    void push(double x) {
        if (Double.isNaN(shift)) {
            shift = x;
        }
        if (count == n) {
            double d = window[next] - shift;
            deviations.add(-d);
            squares.add(-d * d);
        } else {
            count++;
        }
        window[next] = x;
        next = next + 1 == n ? 0 : next + 1;
        double d = x - shift;
        deviations.add(d);
        squares.add(d * d);
        sinceShift++;
        if (count == n && (sinceShift >= n || rawSquaredDeviations() < STALE * squares.value())) {
            reshift();
        }
    }

    private void reshift() {
        shift = mean();
        deviations.reset();
        squares.reset();
        for (double x : window) {
            double d = x - shift;
            deviations.add(d);
            squares.add(d * d);
        }
        sinceShift = 0;
    }

    boolean full() {
        return count == n;
    }

    double mean() {
        return shift + deviations.value() / count;
    }

    private double rawSquaredDeviations() {
        double s = deviations.value();
        return squares.value() - s * s / count;
    }

    /** @return the sum of squared deviations from the mean, never negative */
    private double squaredDeviations() {
        double m2 = rawSquaredDeviations();
        return m2 <= NOISE * squares.value() ? 0 : m2;
    }

    double populationVariance() {
        return squaredDeviations() / count;
    }

    double sampleVariance() {
        return squaredDeviations() / (count - 1);
    }
}
