package dev.stratagem.plugins.rules;

/** Validation shared by the config records; every message names the parameter key. */
final class ConfigChecks {

    private ConfigChecks() {}

    static int period(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException("parameter '" + key + "' must be at least 1, was " + value);
        }
        return value;
    }

    static double quantity(double value, String key) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be positive and finite, was " + value);
        }
        return value;
    }

    static double finite(double value, String key) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be finite, was " + value);
        }
        return value;
    }

    static double nonNegative(double value, String key) {
        finite(value, key);
        if (value < 0) {
            throw new IllegalArgumentException("parameter '" + key + "' must not be negative, was " + value);
        }
        return value;
    }

    static void fastBelowSlow(int fast, int slow, String fastKey, String slowKey) {
        if (fast >= slow) {
            throw new IllegalArgumentException("parameter '" + fastKey + "' (" + fast + ") must be below '"
                    + slowKey + "' (" + slow + ")");
        }
    }
}
