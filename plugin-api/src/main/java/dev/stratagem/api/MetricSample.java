package dev.stratagem.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One value a {@link MetricsSource} reports: a gauge or a counter with its Prometheus name, help text and
 * tags. Names follow Prometheus: {@code [a-zA-Z_][a-zA-Z0-9_]*} (no colons: those are for recording rules);
 * a counter's name ends in {@code _total}; a gauge's name does not end in a suffix Prometheus reserves for
 * other types. Tag names follow the same pattern and do not start with {@code __}.
 *
 * @param type gauge or counter
 * @param name the full metric name as exposed, for example {@code stratagem_llm_queue_requests_total}
 * @param help what it measures, one line
 * @param tags the tags, sorted by name (the map is copied)
 * @param value a gauge's value (any, {@code NaN} for unknown) or a counter's total (finite, not negative)
 * @param shared whether the series belongs to something several strategies share: then no {@code strategy}
 *     tag is added and identical series from several strategies are exposed once; otherwise the tag
 *     {@code strategy} is the runtime's and may not be set here
 */
public record MetricSample(Type type, String name, String help, Map<String, String> tags, double value,
        boolean shared) {

    /** The tag the runtime adds to a strategy's own series. */
    public static final String STRATEGY_TAG = "strategy";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> GAUGE_SUFFIXES = Set.of("_total", "_created", "_bucket", "_info", "_count",
            "_sum");

    /** The kind of value. */
    public enum Type {
        /** A value that goes up and down. */
        GAUGE,
        /** A running total that only goes up while its source lives. */
        COUNTER
    }

    /** Validates the name, tags and value; copies the tags into a sorted, unmodifiable map. */
    public MetricSample {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' is not a Prometheus name [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (type == Type.COUNTER && (!name.endsWith("_total") || name.length() == "_total".length())) {
            throw new IllegalArgumentException("counter '" + name + "' must end in _total");
        }
        if (type == Type.GAUGE) {
            for (String suffix : GAUGE_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    throw new IllegalArgumentException("gauge '" + name + "' must not end in " + suffix
                            + " (reserved for " + (suffix.equals("_total") ? "counters" : "other metric types") + ")");
                }
            }
        }
        Checks.nonBlank(help, "help of " + name);
        if (help.indexOf('\n') >= 0 || help.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("help of " + name + " must be one line");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> tag : Objects.requireNonNull(tags, "tags of " + name).entrySet()) {
            String key = Objects.requireNonNull(tag.getKey(), "tag name of " + name);
            if (!NAME.matcher(key).matches() || key.startsWith("__")) {
                throw new IllegalArgumentException("tag '" + key + "' of " + name
                        + " is not a Prometheus tag name [a-zA-Z_][a-zA-Z0-9_]* (not starting with __)");
            }
            sorted.put(key, Objects.requireNonNull(tag.getValue(), "value of tag '" + key + "' of " + name));
        }
        if (!shared && sorted.containsKey(STRATEGY_TAG)) {
            throw new IllegalArgumentException("tag 'strategy' of " + name
                    + " is the runtime's: it is added to every series not reported as shared");
        }
        tags = Collections.unmodifiableMap(sorted);
        if (type == Type.COUNTER && (!Double.isFinite(value) || value < 0)) {
            throw new IllegalArgumentException("counter " + name + " must be finite and not negative, was " + value);
        }
    }

    /** @return this sample marked as a series of something several strategies share */
    public MetricSample asShared() {
        return shared ? this : new MetricSample(type, name, help, tags, value, true);
    }
}
