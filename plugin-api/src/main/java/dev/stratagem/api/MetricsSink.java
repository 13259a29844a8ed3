package dev.stratagem.api;

import java.util.Map;

/**
 * Where a {@link MetricsSource} reports its values during one scrape. Every value is validated as a
 * {@link MetricSample} (Prometheus metric and tag names, counter naming), so a bad name fails in the
 * component's own unit test rather than in production.
 *
 * <p>Implemented by the runtime; a test can collect into a list with {@code samples::add}.
 */
@FunctionalInterface
public interface MetricsSink {

    /**
     * Takes one validated sample.
     *
     * @param sample the sample
     */
    void add(MetricSample sample);

    /**
     * Reports a value that goes up and down, for example a queue depth.
     *
     * @param name the metric name, {@code [a-zA-Z_][a-zA-Z0-9_]*}, not ending in {@code _total},
     *     {@code _created}, {@code _bucket}, {@code _info}, {@code _count} or {@code _sum}; put the unit in
     *     the name ({@code _seconds}, {@code _bytes})
     * @param help what it measures, one line
     * @param tags the tags, possibly none
     * @param value the current value; {@code NaN} for unknown
     * @throws IllegalArgumentException naming what is wrong with the name, a tag or the value
     */
    default void gauge(String name, String help, Map<String, String> tags, double value) {
        add(new MetricSample(MetricSample.Type.GAUGE, name, help, tags, value, false));
    }

    /**
     * Reports a running total that only goes up while the component lives, for example calls made.
     * Report the total, not the increase since the last scrape.
     *
     * @param name the metric name, {@code [a-zA-Z_][a-zA-Z0-9_]*}, ending in {@code _total}
     * @param help what it counts, one line
     * @param tags the tags, possibly none
     * @param total the total so far, finite and not negative
     * @throws IllegalArgumentException naming what is wrong with the name, a tag or the total
     */
    default void counter(String name, String help, Map<String, String> tags, double total) {
        add(new MetricSample(MetricSample.Type.COUNTER, name, help, tags, total, false));
    }

    /**
     * @return a view of this sink for series of something several strategies share: samples reported through
     *     it carry {@link MetricSample#shared()} and get no {@code strategy} tag, and the runtime exposes each
     *     distinct name and tags once however many strategies report it
     */
    default MetricsSink shared() {
        MetricsSink self = this;
        return new MetricsSink() {
            @Override
            public void add(MetricSample sample) {
                self.add(sample.asShared());
            }

            @Override
            public void gauge(String name, String help, Map<String, String> tags, double value) {
                self.add(new MetricSample(MetricSample.Type.GAUGE, name, help, tags, value, true));
            }

            @Override
            public void counter(String name, String help, Map<String, String> tags, double total) {
                self.add(new MetricSample(MetricSample.Type.COUNTER, name, help, tags, total, true));
            }

            @Override
            public MetricsSink shared() {
                return this;
            }
        };
    }
}
