package dev.stratagem.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A component's parameters, as written under {@code params:} in a strategy file. Typed getters name the
 * key and the expected type when a value is missing or malformed, so a bad config fails at load time with
 * a message the author can act on.
 *
 * @param values the raw values: strings, numbers or booleans
 */
public record Parameters(Map<String, Object> values) {

    /** No parameters. */
    public static final Parameters EMPTY = new Parameters(Map.of());

    /** Copies the map (sorted by key, so iteration is deterministic). */
    public Parameters {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * @param values the raw values
     * @return the parameters
     */
    public static Parameters of(Map<String, ?> values) {
        return new Parameters(Map.copyOf(values));
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is absent
     * @return the value as a double
     * @throws IllegalArgumentException if the value is not a finite number
     */
    public double getDouble(String key, double defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + key + "' must be a number, was '" + v + "'");
            }
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be finite, was " + v);
        }
        return d;
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is absent
     * @return the value as an int
     * @throws IllegalArgumentException if the value is not a whole number in int range
     */
    public int getInt(String key, int defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                    ? Math.toIntExact(((Number) v).longValue())
                    : new java.math.BigDecimal(v.toString().trim()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a whole number, was '" + v + "'");
        }
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is absent
     * @return the value as a string
     */
    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /**
     * @param key a key
     * @param defaultValue the value when the key is absent
     * @return the value as a boolean
     * @throws IllegalArgumentException if the value is not {@code true} or {@code false}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("parameter '" + key + "' must be true or false, was '" + v + "'");
        };
    }

    /**
     * Fails on a key the component does not know, so a typo is an error and not a silent default.
     *
     * @param component the component id, for the message
     * @param known the keys the component reads
     * @throws IllegalArgumentException naming the first unknown key
     */
    public void requireOnly(String component, java.util.Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for " + component
                        + "; known: " + new java.util.TreeSet<>(known));
            }
        }
    }
}
