package dev.stratagem.runtime.plugin.reload;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.runtime.history.RecentContextsBuffer;
import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.risk.FlattenComposer;
import dev.stratagem.runtime.strategy.StrategyAssembler;
import java.util.ArrayList;
import java.util.List;

/**
 * A running strategy as hot reload sees it: its config (to build components again) and its coordinator
 * (whose slot takes the new ones).
 */
record LiveStrategy(StrategyConfig config, CycleCoordinator coordinator, UnaryOperator<StrategyComponents> wrapper,
        AtomicReference<StrategyComponents> base, RecentContextsBuffer recent) {

    /**
     * @param config the strategy's config
     * @param coordinator its coordinator
     * @param base the components as assembled from plugins, before the runtime wrapped them
     * @param wrapper what the runtime adds around them (risk engine checks and listeners); applied again to
     *     every version swapped in, so a reload never drops the kill switch or the breakers
     * @param recent the strategy's last composer inputs, kept current by a listener this adds after
     *     {@code wrapper}'s: what a candidate version is replayed on
     */
    LiveStrategy(StrategyConfig config, CycleCoordinator coordinator, StrategyComponents base,
            UnaryOperator<StrategyComponents> wrapper, RecentContextsBuffer recent) {
        this(config, coordinator, c -> withListener(wrapper.apply(c), recent), new AtomicReference<>(base), recent);
    }

    /** @return {@code c} with {@code listener} last (the slot pairs listeners by position for state handoff) */
    static StrategyComponents withListener(StrategyComponents c, StrategyListener listener) {
        List<StrategyListener> listeners = new ArrayList<>(c.listeners());
        listeners.add(listener);
        return new StrategyComponents(c.features(), c.composer(), c.gateway(), c.guardrails(), listeners, c.versions());
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

    /** @return the ids of the plugins the strategy's components come from */
    List<String> pluginIds() {
        return base.get().versions().stream().map(ComponentVersion::source).distinct().toList();
    }

    /** @return all-new components from {@code plugins}: what the replay runs, off the strategy's thread */
    StrategyComponents fresh(LivePlugins plugins) {
        return StrategyAssembler.assemble(config, plugins);
    }

    /**
     * @return the components to swap in: new instances of those the plugins {@code pluginIds} provide, the running
     *     instances (with their state) of all others
     */
    StrategyComponents rebuilt(LivePlugins plugins, java.util.Set<String> pluginIds) {
        StrategyComponents now = base.get();
        StrategyComponents next = fresh(plugins);
        List<ComponentVersion> nv = next.versions();
        List<ComponentVersion> cv = now.versions();
        List<ComponentVersion> versions = new ArrayList<>();
        boolean f = from(nv.get(0), pluginIds);
        boolean c = from(nv.get(1), pluginIds);
        boolean g = from(nv.get(2), pluginIds);
        versions.add((f ? nv : cv).get(0));
        versions.add((c ? nv : cv).get(1));
        versions.add((g ? nv : cv).get(2));
        int guards = nv.size() - 3 - next.listeners().size();
        boolean r = nv.subList(3, 3 + guards).stream().anyMatch(v -> from(v, pluginIds));
        versions.addAll((r ? nv : cv).subList(3, 3 + guards));
        var listeners = new ArrayList<>(now.listeners());
        for (int i = 0; i < listeners.size(); i++) {
            boolean l = from(nv.get(3 + guards + i), pluginIds);
            listeners.set(i, l ? next.listeners().get(i) : now.listeners().get(i));
            versions.add((l ? nv : cv).get(3 + guards + i));
        }
        StrategyComponents rebuilt = new StrategyComponents(f ? next.features() : now.features(),
                c ? next.composer() : now.composer(), g ? next.gateway() : now.gateway(),
                r ? next.guardrails() : now.guardrails(), listeners, versions);
        base.set(rebuilt);
        release(next, rebuilt);
        return wrapper.apply(rebuilt);
    }

    /**
     * Closes the components of {@code built} that {@code kept} does not run: a script component holds a
     * polyglot context, and one built for a replay or left out of a swap would otherwise never be closed.
     *
     * @param built components assembled for a validation or a swap
     * @param kept the components that run on, or {@code null} if none of {@code built} does
     */
    static void release(StrategyComponents built, StrategyComponents kept) {
        List<Object> running = kept == null ? List.of() : components(kept);
        close(components(built).stream().filter(c -> running.stream().noneMatch(r -> r == c)).toList());
    }

    /**
     * Closes every component of the given sets, one that is in several of them once: what a stopped strategy
     * ran, what it was assembled from, and an offer it never adopted.
     *
     * @param sets component sets; {@code null} ones are skipped
     */
    static void releaseAll(List<StrategyComponents> sets) {
        List<Object> all = new ArrayList<>();
        for (StrategyComponents set : sets) {
            if (set == null) {
                continue;
            }
            for (Object c : components(set)) {
                if (all.stream().noneMatch(a -> a == c)) {
                    all.add(c);
                }
            }
        }
        close(all);
    }

    private static void close(List<Object> components) {
        for (Object c : components) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception | LinkageError e) { // a plugin's close must not stop the others' closing
                    org.slf4j.LoggerFactory.getLogger(LiveStrategy.class).warn("could not close {}: {}", c, e.toString());
                }
            }
        }
    }

    /** @return the features, composer and gateway, and every guardrail check (a script check holds a context) */
    private static List<Object> components(StrategyComponents c) {
        // the composer the runtime wrapped for the kill switch's flattening is the plugin's inside it
        Object composer = c.composer() instanceof FlattenComposer f ? f.inner() : c.composer();
        List<Object> all = new ArrayList<>(List.of(c.features(), composer, c.gateway()));
        all.addAll(c.guardrails().checks());
        return all;
    }

    private static boolean from(ComponentVersion v, java.util.Set<String> pluginIds) {
        return pluginIds.contains(v.source());
    }

    /** @return {@code RUNNING} or {@code PAUSED: <why>} */
    String status() {
        String paused = coordinator.slot().pausedReason();
        return paused == null ? "RUNNING" : "PAUSED: " + paused;
    }
}
