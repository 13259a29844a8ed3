package dev.stratagem.runtime.script;

import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.risk.FlattenComposer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of the script components (composers, features pipelines, risk checks) of a running runtime, with the shape of plugin hot reload: a script's
 * id is its source, {@code script:<folder>}, and {@link #list}, {@link #history}, {@link #rollback} and
 * {@link #reload} answer for it as for a plugin (the plugin API and the CLI reach them through
 * {@code HotReload}). Every script folder used by a running strategy gets one {@link ScriptWatcher}; every
 * attempt (a save, a reload or rollback asked for) is a reload event in the history database, except one that
 * would build the version serving: that one is {@code UNCHANGED}, answered and not recorded, as for a jar.
 */
public final class ScriptHotReload implements PluginControl, AutoCloseable {

    /** The prefix of a script component's source, and so of its id here. */
    public static final String PREFIX = "script:";
    /**
     * The outcome of an attempt that returned before the strategy swapped its accepted version in (no cycle
     * boundary within the wait): a second event, {@code SWAPPED} or {@code REFUSED}, follows when it does.
     */
    public static final String PENDING = "PENDING";

    private static final Logger LOG = LoggerFactory.getLogger(ScriptHotReload.class);

    private final UnaryOperator<ReloadEvent> recorder;
    private final ReloadEventStore events;
    private final Duration swapWait;
    private final List<Live> live = new CopyOnWriteArrayList<>();
    private final Map<Path, ScriptWatcher> watchers = new ConcurrentHashMap<>();

    /**
     * @param recorder numbers and records an event (ids shared with the plugin events), returns it recorded
     * @param events where the events are read back from
     * @param swapWait how long an attempt waits for the strategy's next cycle to swap the version in
     */
    public ScriptHotReload(UnaryOperator<ReloadEvent> recorder, ReloadEventStore events, Duration swapWait) {
        this.recorder = recorder;
        this.events = events;
        this.swapWait = swapWait;
    }

    /**
     * One script component (composer, features pipeline or risk check) of one running strategy, found again
     * in the strategy's current components at each use: a plugin reload can swap in new instances (the
     * guardrails are rebuilt whole when one of their checks' plugins reloads), and a save must reach the
     * instance that runs, not a retired one.
     */
    private final class Live {
        final String strategyId;
        final Supplier<StrategyComponents> current;
        final Path folder;
        final String role;
        /** Which of the strategy's script components of this role and folder (a risk folder can be used twice). */
        final int nth;
        private volatile ScriptReloader reloader;

        Live(String strategyId, Supplier<StrategyComponents> current, ReloadableScript script, int nth) {
            this.strategyId = strategyId;
            this.current = current;
            this.folder = script.recipe().folder();
            this.role = script.version().role();
            this.nth = nth;
            this.reloader = new ScriptReloader(script, swapWait, o -> record(this, o), List.of());
        }

        ReloadableScript script() {
            return reloader().script();
        }

        String id() {
            return script().version().source();
        }

        /** @return the reloader of the instance running now (a new one, with the kept versions, if it changed) */
        synchronized ScriptReloader reloader() {
            List<ReloadableScript> now = scripts(current.get()).stream()
                    .filter(s -> s.version().role().equals(role) && s.recipe().folder().equals(folder)).toList();
            if (nth < now.size() && now.get(nth) != reloader.script()) {
                ScriptReloader retired = reloader;
                reloader = new ScriptReloader(now.get(nth), swapWait, o -> record(this, o), retired.keptVersions());
                retired.close();
                LOG.info("script {} ({}) of {}: reloads now reach the instance a plugin reload swapped in",
                        folder, role, strategyId);
            }
            return reloader;
        }
    }

    /**
     * Watches the script components of a running strategy, if it has any: its features pipeline, its
     * composer and its guardrails. A folder is watched once however many roles and strategies use it, and
     * a save reloads every component built from it.
     *
     * @param strategyId the strategy
     * @param components its components (a runtime-wrapped composer is looked through), fixed
     * @return whether it has a script component
     */
    public boolean attach(String strategyId, StrategyComponents components) {
        return attach(strategyId, () -> components);
    }

    /**
     * As {@link #attach(String, StrategyComponents)}, following the components a plugin reload swaps in:
     * each attempt reaches the script components running then, and checks feature names against the
     * composer and pipeline running then.
     *
     * @param strategyId the strategy
     * @param current its components now, any thread (a coordinator's {@code components()})
     * @return whether it has a script component
     */
    public boolean attach(String strategyId, Supplier<StrategyComponents> current) {
        List<ReloadableScript> found = scripts(current.get());
        for (ReloadableScript script : found) {
            int nth = (int) found.subList(0, found.indexOf(script)).stream()
                    .filter(s -> s.version().role().equals(script.version().role())
                            && s.recipe().folder().equals(script.recipe().folder())).count();
            switch (script) {
                case ScriptFeatures f -> f.consumers(() -> Set.copyOf(unwrap(current.get().composer()).requiredFeatures()));
                case ScriptComposer c -> c.produced(() -> current.get().features().featureNames());
                case ScriptRiskCheck r -> { }
            }
            live.add(new Live(strategyId, current, script, nth));
            Path folder = script.recipe().folder();
            watchers.computeIfAbsent(folder, dir -> new ScriptWatcher(dir, script.id(), () -> changed(dir)));
        }
        return !found.isEmpty();
    }

    /**
     * @return the script components of {@code components}, each wired to read the feature names of the
     *     components running when it validates
     */
    private List<ReloadableScript> scripts(StrategyComponents components) {
        DecisionComposer c = unwrap(components.composer());
        List<ReloadableScript> found = new ArrayList<>();
        if (components.features() instanceof ScriptFeatures features) {
            found.add(features);
        }
        if (c instanceof ScriptComposer composer) {
            found.add(composer);
        }
        for (RiskCheck check : components.guardrails().checks()) {
            if (check instanceof ScriptRiskCheck risk) {
                found.add(risk);
            }
        }
        return found;
    }

    private static DecisionComposer unwrap(DecisionComposer c) {
        return c instanceof FlattenComposer f ? f.inner() : c;
    }

    /** A save in a watched folder: every component built from it reloads (concurrently), each recorded. */
    private void changed(Path folder) {
        List<Live> users = live.stream().filter(l -> l.folder.equals(folder)).toList();
        List<CompletableFuture<ReloadOutcome>> attempts = users.stream().map(l -> {
            try {
                return l.reloader().reload("WATCH");
            } catch (java.util.concurrent.RejectedExecutionException e) {   // its strategy stopped meanwhile
                return CompletableFuture.<ReloadOutcome>failedFuture(e);
            }
        }).toList();
        for (int i = 0; i < users.size(); i++) {
            try {
                record(users.get(i), attempts.get(i).join());
            } catch (RuntimeException e) {
                LOG.error("reload of {} for {} failed: {}", users.get(i).id(), users.get(i).strategyId, e.toString());
            }
        }
    }

    /**
     * @param strategyId a running strategy
     * @return why one of its script components is paused (it failed too many times in a row), if one is
     */
    public Optional<String> pausedReason(String strategyId) {
        for (Live l : live) {
            ScriptStatus s = l.strategyId.equals(strategyId) ? l.script().status() : null;
            if (s != null && s.paused()) {
                return Optional.of(l.id() + " (" + l.role + ") is paused after " + l.script().health().pausedAfter()
                        + ": " + s.lastError());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<PluginStatus> list() {
        List<PluginStatus> all = new ArrayList<>();
        for (Live l : live) {
            ScriptStatus s = l.script().status();
            String state = s.paused() ? "PAUSED: " + s.lastError() : "RUNNING";
            all.add(new PluginStatus(l.id(), l.script().version().version(), s.sha256(),
                    List.of(l.role + ": " + l.script().id()), l.reloader().kept(),
                    List.of(l.strategyId + ": " + state)));
        }
        return all;
    }

    @Override
    public List<ReloadEvent> history(String pluginId) {
        return events.history(pluginId, 200);
    }

    @Override
    public ReloadEvent rollback(String pluginId, String version) {
        return each(pluginId, l -> l.reloader().rollback(version));
    }

    @Override
    public ReloadEvent reload(String pluginId) {
        return each(pluginId, l -> l.reloader().reload("RELOAD"));
    }

    /** Runs an attempt on every strategy running the script; returns the first refusal, else the last event. */
    private ReloadEvent each(String id, java.util.function.Function<Live, CompletableFuture<ReloadOutcome>> attempt) {
        List<Live> users = live.stream().filter(l -> l.id().equals(id)).toList();
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no running strategy has the script '" + id + "'; running: "
                    + live.stream().map(Live::id).distinct().toList());
        }
        ReloadEvent result = null;
        for (Live l : users) {
            ReloadEvent e;
            try {
                e = record(l, attempt.apply(l).get());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reloading " + id, ex);
            } catch (ExecutionException ex) {
                throw new IllegalStateException("reload of " + id + " failed: " + ex.getCause(), ex.getCause());
            }
            if (result == null || !ReloadEvent.REFUSED.equals(result.outcome())) {
                result = e;
            }
        }
        return result;
    }

    /** Records an attempt as a reload event, except an unchanged one, which is only answered (as a jar's is). */
    private ReloadEvent record(Live l, ReloadOutcome o) {
        String strategyId = l.strategyId;
        String replayed = switch (l.reloader.script()) {
            case ScriptFeatures f -> " bars";
            case ScriptRiskCheck r -> o.replayed() == ScriptRiskCheck.PROBES.size() ? " orders (or probes)" : " orders";
            case ScriptComposer c -> " cycles";
        };
        String reason = l.role + ": " + (o.accepted()
                ? o.oldSha256() + " -> " + o.newSha256() + " after replaying " + o.replayed() + replayed
                        + (o.reason().isEmpty() ? "" : "; " + o.reason())
                : o.reason());
        ReloadEvent event = new ReloadEvent(0, System.currentTimeMillis(), o.source(), o.trigger(), o.source()
                .substring(PREFIX.length()), o.oldVersion(), o.oldSha256(), o.newVersion(), o.newSha256(), o.outcome(),
                reason, List.of(strategyId), 0, o.buildMicros(), o.validateMicros(), o.swapMicros());
        return ReloadEvent.UNCHANGED.equals(o.outcome()) ? event : recorder.apply(event);
    }

    /**
     * A strategy stopped for good: a save no longer reloads its script components (they are closed by whoever
     * closes the strategy's components).
     *
     * @param strategyId the strategy
     */
    public void detach(String strategyId) {
        for (Live l : live) {
            if (l.strategyId.equals(strategyId)) {
                live.remove(l);
                l.reloader.retire();
            }
        }
        watchers.entrySet().removeIf(w -> {   // a folder no running strategy uses is no longer watched
            boolean unused = live.stream().noneMatch(l -> l.folder.equals(w.getKey()));
            if (unused) {
                w.getValue().close();
            }
            return unused;
        });
    }

    /** Stops watching (the components keep their serving versions). */
    @Override
    public void close() {
        watchers.values().forEach(ScriptWatcher::close);
        for (Live l : live) {
            l.reloader.close();
        }
    }
}
