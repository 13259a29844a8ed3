package dev.stratagem.runtime.ops;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.api.VerdictOutcome;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.plugin.reload.HotReload;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.risk.BreakerState;
import dev.stratagem.runtime.risk.RiskEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The runtime's Prometheus metrics: cycle latency per strategy and step (histogram), cycles (a counter,
 * so cycles/s is {@code rate(stratagem_cycles_total[1m])}), guardrail rejections by check, breaker
 * states, the kill switch, plugin reloads, the history queue depth, and each sleeve's equity and exposure;
 * plus whatever the running strategies' components report through {@link dev.stratagem.api.MetricsSource},
 * read at each scrape ({@link #collectComponents(Supplier)}).
 */
public final class RuntimeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, PortfolioView> last = new ConcurrentHashMap<>();
    /** The strategies whose gauges are registered. */
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final ComponentMetrics components = new ComponentMetrics(registry);

    /**
     * @param engine the risk engine (breakers, kill switch)
     * @param historyQueue the number of cycle records waiting to be written
     */
    public RuntimeMetrics(RiskEngine engine, java.util.function.IntSupplier historyQueue) {
        // Micrometer holds a gauge's state object weakly: every gauge here holds it strongly, or a state
        // object nobody else keeps (historyQueue is the kernel's history::queued) is collected and reads NaN
        Gauge.builder("stratagem_kill_switch_active", engine, e -> e.killSwitch().active() ? 1 : 0)
                .strongReference(true).description("1 while the kill switch rejects every new order").register(registry);
        Gauge.builder("stratagem_history_queue_depth", historyQueue, q -> q.getAsInt()).strongReference(true)
                .description("cycle records waiting to be written to H2").register(registry);
        Gauge.builder("stratagem_portfolio_equity", engine, RiskEngine::totalEquity).strongReference(true)
                .description("sum of every sleeve's equity").register(registry);
        this.engine = engine;
        breakerGauge(RiskEngine.PORTFOLIO);
    }

    private final RiskEngine engine;

    /** @return the registry (a scrape of it alone lacks the components' series: use {@link #scrape()}) */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Exposes the metrics of every running strategy's components that implement
     * {@link dev.stratagem.api.MetricsSource}, read at each {@link #scrape()}: a strategy's own series tagged
     * {@code strategy=<id>}, a shared series once however many strategies report it. A strategy missing from
     * the map (stopped) loses its series at the next scrape.
     *
     * @param running the components of each running strategy, by strategy id; called on the scrape thread
     */
    public void collectComponents(Supplier<Map<String, StrategyComponents>> running) {
        components.from(running);
    }

    /** @return the Prometheus text format of every metric, the components' read now */
    public String scrape() {
        components.refresh();
        return registry.scrape();
    }

    /**
     * Counts the hot reloads from now on ({@code stratagem_reloads_total{plugin,outcome}}), with a zero
     * series for every plugin loaded now so that {@code rate()} has a start.
     *
     * @param reload the runtime's hot reload
     */
    public void countReloads(HotReload reload) {
        for (PluginStatus p : reload.list()) {
            reloadCounter(p.pluginId(), ReloadEvent.SWAPPED);
            reloadCounter(p.pluginId(), ReloadEvent.REFUSED);
        }
        reload.onEvent(this::reloaded);
    }

    /** @param event one reload attempt, counted by plugin and outcome */
    public void reloaded(ReloadEvent event) {
        reloadCounter(event.pluginId(), event.outcome()).increment();
    }

    private Counter reloadCounter(String plugin, String outcome) {
        return Counter.builder("stratagem_reloads_total").description("plugin hot reload attempts by outcome")
                .tag("plugin", plugin).tag("outcome", outcome).register(registry);
    }

    /** @return a listener that records a strategy's cycles */
    public StrategyListener listenerFor(String strategyId) {
        if (gauged.add(strategyId)) {   // a gauge reads live state: once per strategy, also across its reloads
            breakerGauge(strategyId);
            sleeveGauge(strategyId, "stratagem_equity", "the strategy's equity after its last cycle",
                    PortfolioView::equity);
            sleeveGauge(strategyId, "stratagem_gross_exposure", "the sum of its positions' absolute market values",
                    PortfolioView::grossExposure);
            sleeveGauge(strategyId, "stratagem_net_exposure", "the sum of its positions' signed market values",
                    PortfolioView::netExposure);
        }
        Counter cycles = Counter.builder("stratagem_cycles_total").description("decision cycles run")
                .tag("strategy", strategyId).register(registry);
        Timer total = timer(strategyId, "TOTAL");
        Timer[] steps = new Timer[CycleStep.values().length];
        for (CycleStep step : CycleStep.values()) {
            steps[step.ordinal()] = timer(strategyId, step.name());
        }
        return new StrategyListener() {
            @Override
            public String id() {
                return "metrics";
            }

            @Override
            public void onCycleResult(CycleRecord cycle) {
                cycles.increment();
                total.record(Duration.ofNanos(cycle.timings().total()));
                long[] nanos = cycle.timings().nanos();
                for (int i = 0; i < nanos.length; i++) {
                    steps[i].record(Duration.ofNanos(nanos[i]));
                }
                for (GuardrailVerdict v : cycle.verdicts()) {
                    if (v.outcome() == VerdictOutcome.REJECTED) {
                        Counter.builder("stratagem_guardrail_rejections_total")
                                .description("orders a guardrail rejected, by check").tag("strategy", strategyId)
                                .tag("reason", v.check()).register(registry).increment();
                    }
                }
                if (cycle.portfolioAfter() != null) {
                    last.put(strategyId, cycle.portfolioAfter());
                }
            }
        };
    }

    private Timer timer(String strategyId, String step) {
        return Timer.builder("stratagem_cycle_latency")
                .description("a cycle's time, whole (step TOTAL) and by step")
                .tag("strategy", strategyId).tag("step", step)
                .publishPercentileHistogram().register(registry);
    }

    private void breakerGauge(String scope) {
        Gauge.builder("stratagem_breaker_state", engine,
                        e -> e.states().getOrDefault(scope, BreakerState.ACTIVE).ordinal()).strongReference(true)
                .tag("scope", scope).description("0 ACTIVE, 1 REDUCING, 2 PAUSED, 3 HALTED").register(registry);
    }

    private void sleeveGauge(String strategyId, String name, String description, ToDoubleFunction<PortfolioView> f) {
        Gauge.builder(name, last, m -> m.containsKey(strategyId) ? f.applyAsDouble(m.get(strategyId)) : Double.NaN)
                .strongReference(true).description(description).tag("strategy", strategyId).register(registry);
    }
}
