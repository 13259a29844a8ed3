package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.RecentContexts;
import dev.stratagem.runtime.history.RecentContextsBuffer;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap protocol of DESIGN.md section 6, one attempt at a time on a thread of its own: read the jar (zip,
 * SHA-256, descriptor), load it aside from a copy in the version store, build and replay it for every
 * strategy that runs the plugin, then offer it to those strategies' slots (they take it at their next cycle
 * boundary), unload the old version once nobody runs it, and record the attempt.
 */
final class Reloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    private static final long SWAP_WAIT_MS = 5_000;

    /** How long {@link #forget} waits for the reload thread. */
    static final long FORGET_WAIT_MS = 30_000;

    private final LivePlugins live = new LivePlugins();
    private final PluginDependencies dependencies = new PluginDependencies(live);
    private final VersionStore store;
    private final ReloadSettings settings;
    private final RecentContexts contexts;
    private final ReloadEventStore events;
    private final AtomicLong ids;
    private final List<LiveStrategy> strategies = new CopyOnWriteArrayList<>();
    private final Map<Path, String> pluginOfJar = new ConcurrentHashMap<>();
    private final List<Consumer<ReloadEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService serial = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("plugin-reload").daemon().factory());
    // unloading an old version takes a few ms: never in the way of the next attempt
    private final ExecutorService unloader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("plugin-unload").daemon().factory());

    Reloader(ReloadSettings settings, RecentContexts contexts, ReloadEventStore events) {
        this.settings = settings;
        this.store = new VersionStore(settings.versions(), settings.keepVersions());
        this.contexts = contexts;
        this.events = events;
        this.ids = new AtomicLong(events.lastEventId());
    }

    LivePlugins live() {
        return live;
    }

    VersionStore store() {
        return store;
    }

    List<LiveStrategy> strategies() {
        return strategies;
    }

    ReloadEventStore events() {
        return events;
    }

    /** @return whether every plugin the jar depends on is live (an unreadable jar: true, to be refused) */
    boolean dependenciesLive(Path jar) {
        return dependencies.live(jar);
    }

    /** @return the plugins/ files a live or paused version came from */
    Set<Path> knownJars() {
        return Set.copyOf(pluginOfJar.keySet());
    }

    /** @return the plugins/ files the plugin's live or paused versions came from, that are still there */
    List<Path> jarsOf(String pluginId) {
        return pluginOfJar.entrySet().stream().filter(e -> e.getValue().equals(pluginId))
                .map(Map.Entry::getKey).filter(java.nio.file.Files::isRegularFile).sorted().toList();
    }

    /** @return a buffer of the run's last N contexts, filled from the history once (a resumed run has some) */
    RecentContextsBuffer recentOf(String runId) {
        return new RecentContextsBuffer(settings.replayCycles(), contexts.last(runId, settings.replayCycles()));
    }

    /**
     * Takes a stopped strategy out of hot reload and closes its components, on the reload thread so no attempt
     * is half way through it (one waiting for the strategy to adopt a version waits its 5 s first): its running
     * components and those they were assembled from, while their plugin versions are loaded; then its slot,
     * which fails a version offered and never adopted (whose swap may then unload the version it replaced), and
     * that offer's components. Later reloads of its plugins leave it out. Waits at most {@link #FORGET_WAIT_MS};
     * past that, or once hot reload is closing, the caller goes on.
     *
     * @param strategyId the strategy
     * @return whether hot reload had it and its components are closed
     */
    boolean forget(String strategyId) {
        CompletableFuture<Boolean> done;
        try {
            done = CompletableFuture.supplyAsync(() -> {
                for (LiveStrategy s : strategies) {
                    if (s.id().equals(strategyId)) {
                        strategies.remove(s);
                        StrategyComponents running = s.coordinator().components();
                        StrategyComponents base = s.base().get();
                        LiveStrategy.releaseAll(List.of(running, base));
                        StrategyComponents unadopted = s.coordinator().slot().close();
                        if (unadopted != null) {
                            LiveStrategy.release(unadopted, base);   // base's are closed, the rest of the offer not
                        }
                        return true;
                    }
                }
                return false;
            }, serial);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false; // hot reload is closing: the runtime is shutting down
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORGET_WAIT_MS);
        try {
            while (true) {
                try {
                    return done.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (serial.isShutdown() && !done.isDone()) {
                        return false; // dropped by close(): the runtime is shutting down
                    }
                    if (System.nanoTime() > deadline) {
                        LOG.warn("strategy {} stopped: its components close once the reloads queued before finish",
                                strategyId);
                        return false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("strategy {} stopped: closing its components failed: {}", strategyId, e.getCause().toString());
            return false;
        }
    }

    void register(LiveStrategy strategy) {
        strategies.add(strategy);
        strategy.recent().whenFull().thenRunAsync(() -> warm(strategy), serial);
    }

    /**
     * Runs the reload path once, off the strategy's thread and with nothing swapped: each plugin the strategy
     * runs is read, loaded aside again, assembled and replayed on the strategy's recent cycles, then unloaded.
     * The first real reload then finds the JIT, the class loading and the JSON-free replay path warm.
     */
    private void warm(LiveStrategy strategy) {
        long start = System.nanoTime();
        for (String pluginId : strategy.pluginIds()) {
            PluginVersion now = live.get(pluginId);
            if (now == null) {
                continue;
            }
            try {
                JarDescriptor d = JarDescriptor.read(now.jar());
                PluginVersion again = PluginVersion.load(d, now.jar(), dependencies.of(d, null));
                try {
                    StrategyComponents replayed = strategy.fresh(live.with(again));
                    try {
                        ReplayValidator.validate(strategy.id(), replayed, strategy.recent().last(),
                                Set.copyOf(strategy.config().allSymbols()), settings.validationBudget());
                    } finally {
                        LiveStrategy.release(replayed, null);
                    }
                } finally {
                    again.close();
                }
            } catch (RefusedException | RuntimeException | LinkageError e) {
                // only a warm-up: the real attempt reports what is wrong
                LOG.debug("warming the reload path of {} on {} failed: {}", pluginId, strategy.id(), e.toString());
            }
        }
        LOG.debug("reload path of {} warmed in {} ms", strategy.id(), (System.nanoTime() - start) / 1_000_000);
    }

    void onEvent(Consumer<ReloadEvent> listener) {
        listeners.add(listener);
    }

    /** A jar appeared or changed (or a rollback picked a stored one): try to make it the live version. */
    CompletableFuture<ReloadEvent> offer(Path jar, String trigger, long detectedNanos) {
        return CompletableFuture.supplyAsync(() -> attempt(jar.toAbsolutePath().normalize(), trigger, detectedNanos),
                serial);
    }

    /** A jar disappeared from plugins/: the strategies running its plugin pause. */
    CompletableFuture<ReloadEvent> removed(Path jar, long detectedNanos) {
        return CompletableFuture.supplyAsync(() -> {
            String id = pluginOfJar.remove(jar.toAbsolutePath().normalize());
            if (id == null || pluginOfJar.containsValue(id)) {
                return null;
            }
            PluginVersion now = live.get(id);
            List<String> users = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>(Set.of(id));
            dependencies.dependentsOf(id).forEach(v -> ids.add(v.pluginId()));
            for (LiveStrategy s : strategies) {
                if (ids.stream().anyMatch(s::uses)) {
                    s.coordinator().slot().pause("plugin '" + id + "' was removed from plugins/ (" + jar.getFileName()
                            + "); drop a jar back in or roll back");
                    users.add(s.id());
                }
            }
            return record(new Builder(id, "REMOVE", jar, now, detectedNanos), ReloadEvent.PAUSED,
                    jar.getFileName() + " removed; " + (users.isEmpty() ? "no strategy runs it" : "paused " + users),
                    users);
        }, serial);
    }

    private ReloadEvent attempt(Path jar, String trigger, long detectedNanos) {
        // a jar this runtime loaded before: a refusal to read it again still says which version keeps running
        String loaded = pluginOfJar.get(jar);
        Builder b = new Builder(loaded != null ? loaded : jar.getFileName().toString(), trigger, jar,
                loaded != null ? live.get(loaded) : null, detectedNanos);
        JarDescriptor d;
        try {
            d = JarDescriptor.read(jar);
        } catch (RefusedException e) {
            b.phase();
            return record(b, ReloadEvent.REFUSED, e.getMessage(), List.of());
        }
        b.offered(d, live.get(d.pluginId()));
        if (b.old != null && b.old.descriptor().sha256().equals(d.sha256())) {
            pluginOfJar.put(jar, d.pluginId());
            return resumeUnchanged(b);
        }
        boolean known = store.holds(d);
        PluginVersion candidate;
        Path stored = null;
        List<PluginVersion> dependents = new ArrayList<>();
        try {
            stored = store.put(jar, d);
            candidate = PluginVersion.load(d, stored, dependencies.of(d, null));
            try {
                // plugins that depend on this one are loaded again against the candidate, swapped in the same step
                for (PluginVersion user : dependencies.dependentsOf(d.pluginId())) {
                    dependents.add(dependencies.reloadAgainst(user, candidate));
                }
            } catch (RefusedException e) {
                candidate.close();
                throw e;
            }
        } catch (IOException | RefusedException | LinkageError e) {
            dependents.forEach(PluginVersion::close);
            if (stored != null && !known) {
                store.discard(stored, List.of());
            }
            b.phase();
            return record(b, ReloadEvent.REFUSED, reason(e), List.of());
        }
        b.loadMicros = b.phase();
        Set<String> ids = new java.util.LinkedHashSet<>();
        ids.add(d.pluginId());
        dependents.forEach(v -> ids.add(v.pluginId()));
        List<LiveStrategy> users = strategies.stream().filter(s -> ids.stream().anyMatch(s::uses)).toList();
        List<String> names = users.stream().map(LiveStrategy::id).toList();
        LivePlugins view = live.with(candidate);
        for (PluginVersion v : dependents) {
            view = view.with(v);
        }
        List<StrategyComponents> next = new ArrayList<>();
        List<StrategyComponents> retired = new ArrayList<>();
        try {
            for (LiveStrategy s : users) {
                StrategyComponents replayed = s.fresh(view);
                try {
                    ReplayValidator.validate(s.id(), replayed, s.recent().last(),
                            Set.copyOf(s.config().allSymbols()), settings.validationBudget());
                } finally {
                    LiveStrategy.release(replayed, null);
                }
                retired.add(s.base().get());
                next.add(s.rebuilt(view, ids));
            }
        } catch (RefusedException | RuntimeException | LinkageError e) {
            candidate.close();
            dependents.forEach(PluginVersion::close);
            if (!known) {
                store.discard(stored, List.of());
            }
            b.validateMicros = b.phase();
            return record(b, ReloadEvent.REFUSED, reason(e), names);
        }
        b.validateMicros = b.phase();
        return swap(b, candidate, dependents, stored, jar, users, next, retired);
    }

    /**
     * @return why a version was refused: the message, or for a class of the jar the JVM cannot load or link (a
     *     corrupt class file, one compiled for a newer Java, a missing class, a static initialiser that threw), that
     *     and the error, which names the class
     */
    private static String reason(Throwable e) {
        return e instanceof LinkageError ? "a class of the jar cannot be loaded: " + e : e.getMessage();
    }

    private ReloadEvent swap(Builder b, PluginVersion candidate, List<PluginVersion> dependents, Path stored, Path jar,
            List<LiveStrategy> users, List<StrategyComponents> next, List<StrategyComponents> retired) {
        live.put(candidate);
        List<PluginVersion> replaced = new ArrayList<>();
        for (PluginVersion v : dependents) {
            replaced.add(live.put(v));
        }
        store.touch(stored);
        if (!jar.equals(stored)) {
            pluginOfJar.put(jar, candidate.pluginId());
        }
        List<CompletableFuture<Long>> swaps = new ArrayList<>();
        List<StrategyComponents> offered = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            offered.add(users.get(i).base().get());   // as offered: a later attempt moves base on
            swaps.add(users.get(i).coordinator().slot().offer(next.get(i)));
        }
        // a strategy stopped meanwhile runs neither version: the stop closes its components, the others go on
        CompletableFuture<?>[] settled = swaps.stream().map(f -> f.exceptionallyCompose(
                e -> stopped(e) ? CompletableFuture.completedFuture(STOPPED) : CompletableFuture.failedFuture(e)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> all = CompletableFuture.allOf(settled);
        PluginVersion old = b.old;
        // unloading takes a few ms: never on the strategy thread that completes the last swap
        all.whenCompleteAsync((v, e) -> {
            if (e == null) {
                // the replaced instances run no more cycles: close them (an LLM composer releases its queue)
                // while their plugin's class loader is still open
                for (int i = 0; i < users.size(); i++) {
                    if (!STOPPED.equals(settled[i].join())) {
                        LiveStrategy.release(retired.get(i), offered.get(i));
                    }
                }
                if (old != null) {
                    old.close();
                }
                replaced.forEach(PluginVersion::close);
            }
        }, unloader);
        StringBuilder reason = new StringBuilder();
        try {
            all.get(SWAP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            reason.append("swap still pending (no cycle since) in some of ").append(b.strategyNames(users)).append("; ");
        } catch (Exception e) {
            reason.append("state handoff failed, the old version keeps running in: ");
            for (int i = 0; i < swaps.size(); i++) {
                if (swaps.get(i).isCompletedExceptionally()) {
                    reason.append(users.get(i).id()).append(" (").append(swaps.get(i).exceptionNow()).append(") ");
                }
            }
        }
        b.swapMicros = b.phase();
        List<String> names = b.strategyNames(users);
        if (users.isEmpty()) {
            if (old != null) {
                old.close();
            }
            replaced.forEach(PluginVersion::close);
        }
        String what = (old == null ? "loaded " : old.descriptor().version() + " -> ") + candidate
                + (dependents.isEmpty() ? "" : ", dependents reloaded against it: " + dependents);
        return record(b, users.isEmpty() ? ReloadEvent.LOADED : ReloadEvent.SWAPPED,
                reason.isEmpty() ? what + (users.isEmpty() ? "" : " in " + names) : what + ": " + reason, names);
    }

    /** What a swap to a strategy stopped meanwhile settles with. */
    private static final Long STOPPED = Long.MIN_VALUE;

    private static boolean stopped(Throwable e) {
        return e instanceof dev.stratagem.runtime.cycle.ComponentSlot.StoppedException
                || e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof
                        dev.stratagem.runtime.cycle.ComponentSlot.StoppedException;
    }

    private ReloadEvent resumeUnchanged(Builder b) {
        List<String> resumed = new ArrayList<>();
        for (LiveStrategy s : strategies) {
            if (s.uses(b.pluginId) && s.coordinator().slot().pausedReason() != null) {
                s.coordinator().slot().resume();
                resumed.add(s.id());
            }
        }
        b.phase();
        if (resumed.isEmpty()) {
            Builder unchanged = new Builder(b.pluginId, b.trigger, b.jar, b.old, b.detected);
            unchanged.newVersion = b.newVersion;
            unchanged.newSha = b.newSha;
            return unchanged.event(0, ReloadEvent.UNCHANGED, "same SHA-256 as the running version: ignored", List.of());
        }
        return record(b, ReloadEvent.SWAPPED, "same version back in plugins/: resumed " + resumed, resumed);
    }

    /** Records an event of another reloadable kind (a script), numbered in the same sequence as the plugins'. */
    ReloadEvent recordNumbered(ReloadEvent e) {
        ReloadEvent event = new ReloadEvent(ids.incrementAndGet(), e.at(), e.pluginId(), e.trigger(), e.jar(),
                e.oldVersion(), e.oldSha256(), e.newVersion(), e.newSha256(), e.outcome(), e.reason(), e.strategies(),
                e.detectMicros(), e.loadMicros(), e.validateMicros(), e.swapMicros());
        try {
            events.record(event);
        } catch (RuntimeException ex) {
            LOG.error("cannot record reload event {}: {}", event, ex.toString());
        }
        (ReloadEvent.REFUSED.equals(event.outcome()) ? LOG.atWarn() : LOG.atInfo())
                .log("{} {}: {}", event.pluginId(), event.outcome(), event.reason());
        listeners.forEach(l -> l.accept(event));
        return event;
    }

    private ReloadEvent record(Builder b, String outcome, String reason, List<String> strategies) {
        ReloadEvent event = b.event(ids.incrementAndGet(), outcome, reason, strategies);
        try {
            events.record(event);
        } catch (RuntimeException e) {
            LOG.error("cannot record reload event {}: {}", event, e.toString());
        }
        (ReloadEvent.REFUSED.equals(outcome) ? LOG.atWarn() : LOG.atInfo())
                .log("plugin {} {}: {}", event.pluginId(), outcome, reason);
        listeners.forEach(l -> l.accept(event));
        return event;
    }

    @Override
    public void close() {
        serial.shutdownNow();
        unloader.shutdown();
        try {
            serial.awaitTermination(10, TimeUnit.SECONDS);
            unloader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.all().forEach(PluginVersion::close);
    }

    /** An event under construction: phase clocks and the versions involved. */
    private static final class Builder {
        String pluginId;
        final String trigger;
        final Path jar;
        PluginVersion old;
        final long detected;
        long mark;
        long detectMicros;
        long loadMicros;
        long validateMicros;
        long swapMicros;
        String newVersion = "";
        String newSha = "";

        Builder(String pluginId, String trigger, Path jar, PluginVersion old, long detectedNanos) {
            this.pluginId = pluginId;
            this.trigger = trigger;
            this.jar = jar;
            this.old = old;
            this.detected = detectedNanos;
            this.mark = System.nanoTime();
            this.detectMicros = (mark - detectedNanos) / 1_000;
        }

        void offered(JarDescriptor d, PluginVersion running) {
            pluginId = d.pluginId();
            newVersion = d.version();
            newSha = d.shortSha();
            old = running;
        }

        /** @return microseconds since the last phase ended */
        long phase() {
            long now = System.nanoTime();
            long micros = (now - mark) / 1_000;
            mark = now;
            return micros;
        }

        List<String> strategyNames(List<LiveStrategy> users) {
            return users.stream().map(LiveStrategy::id).toList();
        }

        ReloadEvent event(long id, String outcome, String reason, List<String> strategies) {
            return new ReloadEvent(id, System.currentTimeMillis(), pluginId, trigger, jar.toString(),
                    old == null ? "" : old.descriptor().version(), old == null ? "" : old.descriptor().shortSha(),
                    newVersion, newSha, outcome, reason, strategies, detectMicros, loadMicros, validateMicros, swapMicros);
        }
    }
}
