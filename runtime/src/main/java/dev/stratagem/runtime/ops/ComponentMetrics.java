package dev.stratagem.runtime.ops;

import dev.stratagem.api.MetricSample;
import dev.stratagem.api.MetricsSource;
import dev.stratagem.api.StrategyComponent;
import dev.stratagem.runtime.cycle.StrategyComponents;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series of strategy components that implement {@link MetricsSource}, read on every scrape: each running
 * strategy's components are collected, a strategy's own series get {@code strategy=<id>}, a series reported
 * by several strategies (shared) is kept once (a counter at its highest total, a gauge at the last value
 * read), and each series becomes a Micrometer gauge or function counter reading the value of this scrape.
 * A series no longer reported (its strategy stopped, its component was replaced) is removed from the registry.
 *
 * <p>A sample that does not fit what an earlier sample of this scrape declared for its name (another type,
 * other tag names) or that would take over a name the runtime itself uses is dropped, as is everything of a
 * source that throws; both are logged (once per component) and counted in {@code stratagem_metrics_collect_failures_total}.
 */
final class ComponentMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentMetrics.class);
    static final String FAILURES = "stratagem_metrics_collect_failures_total";

    private final MeterRegistry registry;
    private volatile Supplier<Map<String, StrategyComponents>> running = Map::of;
    /** The value of each exposed series as of the last scrape; the meters read it. */
    private final Map<Series, Double> values = new ConcurrentHashMap<>();
    private final Map<Series, Registered> meters = new HashMap<>();
    private final Set<Meter> ours = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> warned = Collections.newSetFromMap(new ConcurrentHashMap<>());

    /** One exposed series: the name and every tag, the strategy tag included. */
    private record Series(String name, Map<String, String> tags) {}

    private record Registered(MetricSample.Type type, Meter meter) {}

    /** What the first sample of a name in one scrape declared for every later one. */
    private record Shape(MetricSample.Type type, Set<String> tagNames) {}

    ComponentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void from(Supplier<Map<String, StrategyComponents>> strategies) {
        this.running = strategies;
    }

    /** Collects every source now and brings the registered meters in line with what they reported. */
    synchronized void refresh() {
        Map<Series, MetricSample> now = collect();
        for (Iterator<Map.Entry<Series, Registered>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Series, Registered> e = it.next();
            MetricSample s = now.get(e.getKey());
            if (s == null || s.type() != e.getValue().type()) {
                registry.remove(e.getValue().meter());
                ours.remove(e.getValue().meter());
                values.remove(e.getKey());
                it.remove();
            }
        }
        now.forEach((series, sample) -> {
            values.put(series, sample.value());
            if (!meters.containsKey(series)) {
                Meter meter = register(series, sample);
                ours.add(meter);
                meters.put(series, new Registered(sample.type(), meter));
            }
        });
    }

    private Meter register(Series series, MetricSample sample) {
        Tags tags = Tags.empty();
        for (Map.Entry<String, String> t : series.tags().entrySet()) {
            tags = tags.and(t.getKey(), t.getValue());
        }
        // the meters read `values`, which this object holds for as long as the registry exists
        return switch (sample.type()) {
            case GAUGE -> Gauge.builder(series.name(), values, v -> v.getOrDefault(series, Double.NaN))
                    .description(sample.help()).tags(tags).register(registry);
            case COUNTER -> FunctionCounter.builder(series.name(), values, v -> v.getOrDefault(series, 0.0))
                    .description(sample.help()).tags(tags).register(registry);
        };
    }

    private Map<Series, MetricSample> collect() {
        Map<Series, MetricSample> out = new LinkedHashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        Set<String> taken = runtimeNames();
        for (Map.Entry<String, StrategyComponents> strategy : new TreeMap<>(running.get()).entrySet()) {
            String strategyId = strategy.getKey();
            for (MetricsSource source : sources(strategy.getValue())) {
                List<MetricSample> reported = new ArrayList<>();
                try {
                    source.collect(sample -> reported.add(Objects.requireNonNull(sample, "sample")));
                } catch (RuntimeException | LinkageError e) {
                    failed(strategyId, source, "collect failed: " + e);
                    continue;
                }
                for (MetricSample sample : reported) {
                    String problem = add(out, shapes, taken, strategyId, sample);
                    if (problem != null) {
                        failed(strategyId, source, problem);
                    }
                }
            }
        }
        return out;
    }

    /** @return why the sample was dropped, or {@code null} if it was taken */
    private String add(Map<Series, MetricSample> out, Map<String, Shape> shapes, Set<String> taken, String strategyId,
            MetricSample sample) {
        Map<String, String> tags = sample.tags();
        if (!sample.shared()) {
            tags = new TreeMap<>(tags);
            tags.put(MetricSample.STRATEGY_TAG, strategyId);
        }
        String family = family(sample.name());
        if (taken.contains(family)) {
            return sample.name() + " is a metric of the runtime itself";
        }
        Set<String> tagNames = Set.copyOf(tags.keySet()); // the strategy tag counts: Prometheus wants one set per name
        Shape shape = shapes.computeIfAbsent(family, n -> new Shape(sample.type(), tagNames));
        if (shape.type() != sample.type() || !shape.tagNames().equals(tagNames)) {
            return sample.name() + " was reported as " + shape.type() + " " + shape.tagNames() + " and now as "
                    + sample.type() + " " + tagNames;
        }
        out.merge(new Series(sample.name(), Map.copyOf(tags)), sample, (was, now) ->
                now.type() == MetricSample.Type.COUNTER && was.value() > now.value() ? was : now);
        return null;
    }

    /** Prometheus names a counter {@code x_total} in the family {@code x}: a gauge {@code x} would clash with it. */
    private static String family(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }

    /** @return the metric families of the runtime's own meters, as Prometheus names them */
    private Set<String> runtimeNames() {
        Set<String> names = new HashSet<>();
        for (Meter m : registry.getMeters()) {
            if (!ours.contains(m)) {
                names.add(family(registry.config().namingConvention()
                        .name(m.getId().getName(), m.getId().getType(), m.getId().getBaseUnit())));
            }
        }
        return names;
    }

    private void failed(String strategyId, MetricsSource source, String why) {
        String component = source instanceof StrategyComponent c ? safeId(c) : source.getClass().getSimpleName();
        registry.counter(FAILURES, "strategy", strategyId, "component", component).increment();
        if (warned.add(strategyId + "/" + component)) { // once per component: a broken one would flood the log
            LOG.warn("metrics of {} in strategy {} skipped: {}", component, strategyId, why);
        }
    }

    private static String safeId(StrategyComponent c) {
        try {
            return c.id();
        } catch (RuntimeException e) {
            return c.getClass().getSimpleName();
        }
    }

    /** @return the distinct components of a strategy that report metrics, a wrapped composer unwrapped */
    static List<MetricsSource> sources(StrategyComponents c) {
        List<Object> candidates = c.parts();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<MetricsSource> sources = new ArrayList<>();
        for (Object candidate : candidates) {
            if (candidate instanceof MetricsSource s && seen.add(candidate)) {
                sources.add(s);
            }
        }
        return sources;
    }
}
