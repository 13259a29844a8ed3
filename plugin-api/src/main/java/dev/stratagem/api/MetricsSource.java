package dev.stratagem.api;

/**
 * A component with numbers worth watching in production: queue depths, calls made, tokens spent. Any
 * strategy component (features, composer, gateway, risk check, listener) may also implement this interface;
 * the runtime then reads it whenever Prometheus scrapes {@code /metrics} and serves what it reports beside
 * its own metrics, for as long as a running strategy holds the instance. A stopped strategy's series
 * disappear; a hot-reloaded component's successor reports from its first cycle on.
 *
 * <p><b>Threading.</b> Unlike every other method of a component, {@link #collect(MetricsSink)} is called on
 * the scrape thread, concurrently with the strategy's cycles. Report from thread-safe state only: a
 * snapshot taken under the component's own lock, atomics, or volatile / final fields. Keep it cheap and
 * non-blocking (no I/O): a scrape waits for it.
 *
 * <p><b>Series.</b> By default a series belongs to the strategy that runs the instance and the runtime adds
 * the tag {@code strategy=<id>}. A series of something several strategies share (a request queue, a
 * connection pool) goes to {@link MetricsSink#shared()} instead: it gets no strategy tag, and when several
 * strategies report the same name and tags it is exposed once, not summed.
 *
 * <pre>{@code
 * public void collect(MetricsSink sink) {
 *     sink.counter("myplugin_orders_total", "orders sent", Map.of("venue", venue), orders.get());
 *     sink.shared().gauge("myplugin_pool_connections", "open connections", Map.of("pool", name), pool.open());
 * }
 * }</pre>
 *
 * <p>A source that throws is skipped for that scrape (the runtime logs it and counts it in
 * {@code stratagem_metrics_collect_failures_total}); the other sources and the strategy are unaffected.
 */
public interface MetricsSource {

    /**
     * Reports this component's current values.
     *
     * @param sink where to report them; valid only during this call
     */
    void collect(MetricsSink sink);
}
