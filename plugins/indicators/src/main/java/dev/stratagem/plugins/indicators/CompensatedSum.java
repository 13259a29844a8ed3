package dev.stratagem.plugins.indicators;

/**
 * Neumaier-compensated sum: the error stays at a few ulps of the result however many terms are added or
 * removed, where a plain double sum random-walks away over thousands of bars.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double x) {
        double t = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }

    double value() {
        return sum + compensation;
    }
}
