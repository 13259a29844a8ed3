package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.config.StrategyConfig;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.RecentContexts;
import dev.stratagem.runtime.history.RecentContextsBuffer;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.plugin.ComponentFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Hot reload of plugin jars for a running runtime: loads every jar in {@code plugins/} (each version from a
 * copy in the version store, with a PluginManager of its own), then watches the folder. A changed jar is
 * loaded aside, validated on the recorded cycles of the strategies that run it and swapped in at their next
 * cycle boundary; a broken one is refused with the reason recorded, and the old version keeps running.
 */
public final class HotReload implements PluginControl, AutoCloseable {

    private final Path dir;
    private final Reloader reloader;
    private final PluginWatcher watcher;
    private final java.util.Map<String, PluginControl> delegates = new java.util.concurrent.ConcurrentHashMap<>();

    private HotReload(Path dir, Reloader reloader, PluginWatcher watcher) {
        this.dir = dir;
        this.reloader = reloader;
        this.watcher = watcher;
    }

    /**
     * Loads the plugins and starts watching.
     *
     * @param pluginsDir the plugins folder (created if missing)
     * @param settings debounce, N, K, version store
     * @param history the history database (recent contexts for the replay, reload events)
     * @return the running hot reload
     */
    public static HotReload start(Path pluginsDir, ReloadSettings settings, JdbiHistoryStore history) {
        Path dir = pluginsDir.toAbsolutePath().normalize();
        Reloader reloader = new Reloader(settings, new RecentContexts(history), new ReloadEventStore(history));
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                // a plugin loads after those it depends on; what never becomes ready is tried last and refused
                List<Path> pending = new ArrayList<>(
                        files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList());
                while (!pending.isEmpty()) {
                    List<Path> ready = pending.stream().filter(reloader::dependenciesLive).toList();
                    for (Path jar : ready.isEmpty() ? List.copyOf(pending) : ready) {
                        reloader.offer(jar, "START", System.nanoTime()).get();
                        pending.remove(jar);
                    }
                }
            }
        } catch (IOException e) {
            reloader.close();
            throw new UncheckedIOException("cannot read the plugins folder " + dir, e);
        } catch (InterruptedException | ExecutionException e) {
            reloader.close();
            throw new IllegalStateException("loading the plugins of " + dir + " failed", e);
        }
        PluginWatcher watcher = settings.watch() ? new PluginWatcher(dir, settings.debounce(), reloader) : null;
        return new HotReload(dir, reloader, watcher);
    }

    /** @return the live plugin versions, to assemble strategies from */
    public ComponentFactory components() {
        return reloader.live();
    }

    /**
     * Puts a strategy under hot reload: a new version of a plugin it runs is validated on its recorded
     * cycles and offered to its coordinator's slot.
     *
     * @param config the strategy's config
     * @param coordinator its coordinator
     */
    public void register(StrategyConfig config, CycleCoordinator coordinator) {
        register(config, coordinator, coordinator.components(), java.util.function.UnaryOperator.identity());
    }

    /**
     * Registers a running strategy whose components the runtime wrapped (risk engine checks, listeners).
     *
     * @param config the strategy's config
     * @param coordinator its coordinator
     * @param base its components as assembled from plugins
     * @param wrapper what the runtime added around {@code base}; applied again to every swapped-in version
     */
    public void register(StrategyConfig config, CycleCoordinator coordinator, StrategyComponents base,
            java.util.function.UnaryOperator<StrategyComponents> wrapper) {
        RecentContextsBuffer recent = reloader.recentOf(coordinator.info().runId());
        reloader.register(new LiveStrategy(config, coordinator, base, wrapper, recent));
        // the running components get the listener too; same instances otherwise, so nothing is handed off
        coordinator.slot().offer(LiveStrategy.withListener(coordinator.components(), recent));
    }

    /**
     * A strategy stopped for good: hot reload leaves it out from now on and its components are closed (a script
     * component's polyglot context, an LLM composer's queue), not kept until the runtime shuts down.
     *
     * @param strategyId the strategy
     * @return whether hot reload had it and its components are closed (false after 30 s behind other reloads:
     *     they close when those are done)
     */
    public boolean forget(String strategyId) {
        return reloader.forget(strategyId);
    }

    /** @param listener called with every recorded reload event, on the reload thread */
    public void onEvent(Consumer<ReloadEvent> listener) {
        reloader.onEvent(listener);
    }

    /**
     * Answers for ids with a prefix through another control of the same shape (scripts: {@code script:}).
     *
     * @param prefix the id prefix
     * @param control what answers list, history, reload and rollback for those ids
     */
    public void attach(String prefix, PluginControl control) {
        delegates.put(prefix, control);
    }

    /**
     * Records an event of another reloadable kind, numbered in the same sequence as the plugins' events.
     *
     * @param event the event (its id is replaced)
     * @return the event as recorded
     */
    public ReloadEvent record(ReloadEvent event) {
        return reloader.recordNumbered(event);
    }

    private PluginControl delegate(String id) {
        for (var e : delegates.entrySet()) {
            if (id.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public List<PluginStatus> list() {
        List<PluginStatus> all = new ArrayList<>();
        delegates.values().forEach(d -> all.addAll(d.list()));
        for (PluginVersion v : reloader.live().all()) {
            List<String> users = reloader.strategies().stream().filter(s -> s.uses(v.pluginId()))
                    .map(s -> s.id() + ": " + s.status()).toList();
            List<String> stored = reloader.store().list(v.pluginId()).stream().map(VersionStore::idOf).toList();
            all.add(new PluginStatus(v.pluginId(), v.descriptor().version(), v.descriptor().shortSha(), v.extensions(),
                    stored, users));
        }
        return all;
    }

    @Override
    public List<ReloadEvent> history(String pluginId) {
        PluginControl d = delegate(pluginId);
        if (d != null) {
            return d.history(pluginId);
        }
        return reloader.events().history(pluginId, 200);
    }

    @Override
    public ReloadEvent rollback(String pluginId, String version) {
        PluginControl d = delegate(pluginId);
        if (d != null) {
            return d.rollback(pluginId, version);
        }
        PluginVersion now = reloader.live().get(pluginId);
        List<Path> stored = reloader.store().list(pluginId);
        if (now == null && stored.isEmpty()) {
            throw new IllegalArgumentException("no plugin '" + pluginId + "' is loaded or stored");
        }
        Path target = version == null
                ? stored.stream().filter(p -> now == null || !p.equals(now.jar())).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("plugin '" + pluginId + "' has no earlier stored version"))
                : stored.get(VersionIds.pick(stored.stream().map(VersionStore::idOf).toList(), version, "stored",
                        "plugin '" + pluginId + "'"));
        return await(reloader.offer(target, "ROLLBACK", System.nanoTime()), "rollback", pluginId);
    }

    @Override
    public ReloadEvent reload(String pluginId) {
        PluginControl d = delegate(pluginId);
        if (d != null) {
            return d.reload(pluginId);
        }
        List<Path> jars = reloader.jarsOf(pluginId);
        Path jar = jars.isEmpty() ? jarInFolder(pluginId) : jars.getFirst();
        return await(reloader.offer(jar, "RELOAD", System.nanoTime()), "reload", pluginId);
    }

    /** A jar no version came from yet (it was refused, or dropped while the watcher was off): read each one. */
    private Path jarInFolder(String pluginId) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try {
                    if (JarDescriptor.read(jar).pluginId().equals(pluginId)) {
                        return jar;
                    }
                } catch (RefusedException unreadable) {
                    // not this plugin's, as far as can be told
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugins folder " + dir, e);
        }
        throw new IllegalArgumentException("no jar in " + dir + " holds plugin '" + pluginId + "'");
    }

    private static ReloadEvent await(java.util.concurrent.Future<ReloadEvent> attempt, String what, String pluginId) {
        try {
            return attempt.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the " + what + " of " + pluginId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " of " + pluginId + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops watching and unloads every version. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        reloader.close();
    }
}
