package dev.stratagem.api;

import java.util.Objects;

/** Argument checks shared by the records of this package. */
final class Checks {

    private Checks() {}

    static String nonBlank(String value, String field) {
        Objects.requireNonNull(value, field);
        // a first character that is not white space decides it without scanning the rest: ids are checked per bar
        if ((value.isEmpty() || Character.isWhitespace(value.charAt(0))) && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, was " + value);
        }
        return value;
    }

    static double nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static double positive(double value, String field) {
        finite(value, field);
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
