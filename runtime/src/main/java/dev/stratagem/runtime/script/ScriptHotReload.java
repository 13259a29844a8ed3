package dev.stratagem.runtime.script;

import dev.stratagem.api.DecisionComposer;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.risk.FlattenComposer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Hot reload of the script composers of a running runtime, with the shape of plugin hot reload: a script's
 * id is its source, {@code script:<folder>}, and {@link #list}, {@link #history}, {@link #rollback} and
 * {@link #reload} answer for it as for a plugin (the plugin API and the CLI reach them through
 * {@code HotReload}). Every script composer of a running strategy gets a {@link ScriptWatcher}; every
 * attempt (a save, a reload or rollback asked for) is a reload event in the history database.
 */
public final class ScriptHotReload implements PluginControl, AutoCloseable {

    /** The prefix of a script component's source, and so of its id here. */
    public static final String PREFIX = "script:";

    private final UnaryOperator<ReloadEvent> recorder;
    private final ReloadEventStore events;
    private final Duration swapWait;
    private final List<Live> live = new CopyOnWriteArrayList<>();

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

    /** One script composer of one running strategy. */
    private record Live(String strategyId, ScriptComposer composer, ScriptReloader reloader, ScriptWatcher watcher) {
        String id() {
            return composer.version().source();
        }
    }

    /**
     * Watches the script composer of a running strategy, if it has one.
     *
     * @param strategyId the strategy
     * @param components its components (a runtime-wrapped composer is looked through)
     * @return whether it has a script composer
     */
    public boolean attach(String strategyId, StrategyComponents components) {
        DecisionComposer c = components.composer() instanceof FlattenComposer f ? f.inner() : components.composer();
        if (!(c instanceof ScriptComposer composer)) {
            return false;
        }
        ScriptReloader reloader = new ScriptReloader(composer, swapWait);
        ScriptWatcher watcher = new ScriptWatcher(composer, reloader, outcome -> record(strategyId, outcome));
        live.add(new Live(strategyId, composer, reloader, watcher));
        return true;
    }

    @Override
    public List<PluginStatus> list() {
        List<PluginStatus> all = new ArrayList<>();
        for (Live l : live) {
            ScriptStatus s = l.composer().status();
            String state = s.paused() ? "PAUSED: " + s.lastError() : "RUNNING";
            all.add(new PluginStatus(l.id(), l.composer().version().version(), s.sha256(),
                    List.of("composer: " + l.composer().id()), l.reloader().kept(), List.of(l.strategyId() + ": " + state)));
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
                e = record(l.strategyId(), attempt.apply(l).get());
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

    private ReloadEvent record(String strategyId, ReloadOutcome o) {
        String outcome = o.accepted() ? ReloadEvent.SWAPPED : ReloadEvent.REFUSED;
        String reason = o.accepted()
                ? o.oldSha256() + " -> " + o.newSha256() + " after replaying " + o.replayed() + " cycles"
                        + (o.reason().isEmpty() ? "" : "; " + o.reason())
                : o.reason();
        return recorder.apply(new ReloadEvent(0, System.currentTimeMillis(), o.source(), o.trigger(), o.source()
                .substring(PREFIX.length()), o.oldVersion(), o.oldSha256(), o.newVersion(), o.newSha256(), outcome,
                reason, List.of(strategyId), 0, o.buildMicros(), o.validateMicros(), o.swapMicros()));
    }

    /** Stops watching (the composers keep their serving versions). */
    @Override
    public void close() {
        for (Live l : live) {
            l.watcher().close();
            l.reloader().close();
        }
    }
}
