package dev.stratagem.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The features of one instrument at one bar: named numbers, for example {@code sma_10} or {@code rsi_14}.
 *
 * <p>Names and values are parallel: {@code values[i]} is the value of {@code names.get(i)}. A value may be
 * {@code NaN} while its indicator is still warming up. The values array is copied in and out, so the
 * record is immutable; read single values with {@link #get(String)} or {@link #value(int)}.
 *
 * @param symbol the instrument symbol
 * @param ts the timestamp of the bar the features were computed from
 * @param names the feature names, unique
 * @param values the feature values, one per name
 */
public record FeatureVector(String symbol, long ts, List<String> names, double[] values) {

    /** Validates the fields and copies the arrays. */
    public FeatureVector {
        Checks.nonBlank(symbol, "symbol");
        names = List.copyOf(names);
        values = values.clone();
        if (names.size() != values.length) {
            throw new IllegalArgumentException(
                    names.size() + " feature names but " + values.length + " values for " + symbol);
        }
        if (names != lastUniqueNames) {
            if (new java.util.HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("duplicate feature names for " + symbol + ": " + names);
            }
            lastUniqueNames = names;
        }
    }

    /**
     * The last name list found free of duplicates. Pipelines pass the same immutable list every bar, so the
     * check costs one comparison on the hot path; a race on this field only repeats a check.
     */
    private static List<String> lastUniqueNames;

    /**
     * Builds a vector from a name-to-value map, keeping the map's iteration order.
     *
     * @param symbol the instrument symbol
     * @param ts the bar timestamp
     * @param features the features by name
     * @return the vector
     */
    public static FeatureVector of(String symbol, long ts, Map<String, Double> features) {
        double[] values = new double[features.size()];
        int i = 0;
        for (Double v : features.values()) {
            values[i++] = Objects.requireNonNull(v, "feature value");
        }
        return new FeatureVector(symbol, ts, List.copyOf(features.keySet()), values);
    }

    /** @return a copy of the values */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * @param index the position of the feature in {@link #names()}
     * @return its value
     */
    public double value(int index) {
        return values[index];
    }

    /**
     * @param name a feature name
     * @return its value
     * @throws IllegalArgumentException if there is no feature of that name
     */
    public double get(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no feature '" + name + "' for " + symbol + "; have " + names);
        }
        return values[index];
    }

    /**
     * @param name a feature name
     * @return whether this vector has it
     */
    public boolean has(String name) {
        return names.contains(name);
    }

    /** @return the features as an ordered map (allocates; not for the hot path) */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector other
                && ts == other.ts
                && symbol.equals(other.symbol)
                && names.equals(other.names)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, ts, names, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "FeatureVector[" + symbol + "@" + ts + " " + asMap() + "]";
    }
}
