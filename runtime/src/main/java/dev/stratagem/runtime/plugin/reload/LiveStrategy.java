package dev.stratagem.runtime.plugin.reload;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import java.util.ArrayList;
import java.util.List;

/**
 * A running strategy as hot reload sees it: its config (to build components again) and its coordinator
 * (whose slot takes the new ones).
 */
record LiveStrategy(StrategyConfig config, CycleCoordinator coordinator, UnaryOperator<StrategyComponents> wrapper,
        AtomicReference<StrategyComponents> base) {

    /**
     * @param config the strategy's config
     * @param coordinator its coordinator
     * @param base the components as assembled from plugins, before the runtime wrapped them
     * @param wrapper what the runtime adds around them (risk engine checks and listeners); applied again to
     *     every version swapped in, so a reload never drops the kill switch or the breakers
     */
    LiveStrategy(StrategyConfig config, CycleCoordinator coordinator, StrategyComponents base,
            UnaryOperator<StrategyComponents> wrapper) {
        this(config, coordinator, wrapper, new AtomicReference<>(base));
    }

    String id() {
        return config.id();
    }

    String runId() {
        return coordinator.info().runId();
    }

    boolean uses(String pluginId) {
        return base.get().versions().stream().anyMatch(v -> v.source().equals(pluginId));
    }

    /** @return all-new components from {@code plugins}: what the replay runs, off the strategy's thread */
    StrategyComponents fresh(LivePlugins plugins) {
        return StrategyAssembler.assemble(config, plugins);
    }

    /**
     * @return the components to swap in: new instances of those {@code pluginId} provides, the running
     *     instances (with their state) of all others
     */
    StrategyComponents rebuilt(LivePlugins plugins, String pluginId) {
        StrategyComponents now = base.get();
        StrategyComponents next = fresh(plugins);
        List<ComponentVersion> nv = next.versions();
        List<ComponentVersion> cv = now.versions();
        List<ComponentVersion> versions = new ArrayList<>();
        boolean f = from(nv.get(0), pluginId);
        boolean c = from(nv.get(1), pluginId);
        boolean g = from(nv.get(2), pluginId);
        versions.add((f ? nv : cv).get(0));
        versions.add((c ? nv : cv).get(1));
        versions.add((g ? nv : cv).get(2));
        int guards = nv.size() - 3 - next.listeners().size();
        boolean r = nv.subList(3, 3 + guards).stream().anyMatch(v -> from(v, pluginId));
        versions.addAll((r ? nv : cv).subList(3, 3 + guards));
        var listeners = new ArrayList<>(now.listeners());
        for (int i = 0; i < listeners.size(); i++) {
            boolean l = from(nv.get(3 + guards + i), pluginId);
            listeners.set(i, l ? next.listeners().get(i) : now.listeners().get(i));
            versions.add((l ? nv : cv).get(3 + guards + i));
        }
        StrategyComponents rebuilt = new StrategyComponents(f ? next.features() : now.features(),
                c ? next.composer() : now.composer(), g ? next.gateway() : now.gateway(),
                r ? next.guardrails() : now.guardrails(), listeners, versions);
        base.set(rebuilt);
        return wrapper.apply(rebuilt);
    }

    private static boolean from(ComponentVersion v, String pluginId) {
        return v.source().equals(pluginId);
    }

    /** @return {@code RUNNING} or {@code PAUSED: <why>} */
    String status() {
        String paused = coordinator.slot().pausedReason();
        return paused == null ? "RUNNING" : "PAUSED: " + paused;
    }
}
