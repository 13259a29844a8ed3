package dev.stratagem.runtime.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.history.ReloadEventStore;
import dev.stratagem.runtime.http.JsonBodies;
import dev.stratagem.runtime.http.RequestProblem;
import dev.stratagem.runtime.plugin.PluginInfo;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import dev.stratagem.runtime.plugin.reload.PluginStatus;
import dev.stratagem.runtime.plugin.reload.VersionIds;
import dev.stratagem.runtime.script.ScriptHotReload;
import dev.stratagem.runtime.web.ConsoleSources;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/plugins} and {@code /api/scripts}: the live plugins of a running runtime (else the plugins folder),
 * their reload history, reload and rollback. Without a running runtime, the history comes from the database
 * and reload / rollback answer 409.
 */
final class PluginsApi {

    /** How many reload events a history answers at most. */
    static final int HISTORY_LIMIT = 200;

    /**
     * @param pluginId the PF4J id
     * @param version its version (the live one in a running runtime)
     * @param state its PF4J state
     * @param sha256 the jar hash prefix
     * @param jar the jar file name (empty for a live version: it runs from the version store)
     * @param extensions the extension classes
     * @param problem why it failed to load, empty if it did not
     * @param stored the versions kept for rollback, most recently live first ({@code version-sha12})
     * @param strategies the strategies running it, each {@code id: RUNNING} or {@code id: PAUSED: why}
     */
    record PluginView(String pluginId, String version, String state, String sha256, String jar,
            List<String> extensions, String problem, List<String> stored, List<String> strategies) {}

    /**
     * @param id {@code script:<folder>}
     * @param version the manifest version live now (empty without a running runtime)
     * @param sha256 the first 12 hex digits of the live source's SHA-256
     * @param uses each component built from it, {@code role: script id}
     * @param strategies the strategies running it, each {@code id: RUNNING} or {@code id: PAUSED: last error}
     * @param stored the versions kept for rollback, most recently live first
     * @param lastReload its latest reload event (save, reload, rollback), or {@code null}
     */
    record ScriptView(String id, String version, String sha256, List<String> uses, List<String> strategies,
            List<String> stored, ReloadEvent lastReload) {}

    private final ConsoleSources sources;
    private final ReloadEventStore recorded;

    PluginsApi(ConsoleSources sources) {
        this.sources = sources;
        this.recorded = new ReloadEventStore(sources.store());
    }

    void list(RoutingContext ctx) {
        ApiJson.send(ctx, sources.livePlugins()
                .map(live -> live.list().stream().filter(p -> !isScript(p.pluginId())).map(PluginsApi::view).toList())
                .orElseGet(() -> sources.plugins().get().stream().map(PluginsApi::view).toList()));
    }

    void history(RoutingContext ctx) {
        String id = ctx.pathParam("pluginId");
        List<ReloadEvent> events = sources.livePlugins().map(live -> live.history(id))
                .orElseGet(() -> recorded.history(id, HISTORY_LIMIT));
        if (events.isEmpty() && !known(id)) {
            throw RequestProblem.notFound("no plugin or script '" + id + "' (GET /api/plugins and /api/scripts list"
                    + " them)");
        }
        ApiJson.send(ctx, events);
    }

    /** @return whether a plugin or script of that id runs, is in the plugins folder, or has reload events */
    private boolean known(String id) {
        return sources.livePlugins().map(live -> live.list().stream().anyMatch(p -> p.pluginId().equals(id)))
                .orElseGet(() -> sources.plugins().get().stream().anyMatch(p -> p.pluginId().equals(id)));
    }

    /** The live script components of a running runtime, else the scripts the history has reload events of. */
    void scripts(RoutingContext ctx) {
        ApiJson.send(ctx, sources.livePlugins()
                .map(live -> live.list().stream().filter(p -> isScript(p.pluginId()))
                        .map(p -> new ScriptView(p.pluginId(), p.version(), p.sha256(), p.extensions(), p.strategies(),
                                p.stored(), last(p.pluginId())))
                        .toList())
                .orElseGet(() -> recorded.ids(ScriptHotReload.PREFIX).stream()
                        .map(id -> new ScriptView(id, "", "", List.of(), List.of(), List.of(), last(id)))
                        .toList()));
    }

    private ReloadEvent last(String id) {
        List<ReloadEvent> events = recorded.history(id, 1);
        return events.isEmpty() ? null : events.getFirst();
    }

    private static boolean isScript(String id) {
        return id.startsWith(ScriptHotReload.PREFIX);
    }

    void rollback(RoutingContext ctx) {
        JsonNode body = JsonBodies.object(ctx, Set.of("to"));
        String to = JsonBodies.optionalText(body, "to", 200);
        ApiJson.send(ctx, act(ctx, "roll back",
                live -> live.rollback(ctx.pathParam("pluginId"), to.isBlank() ? null : to)));
    }

    void reload(RoutingContext ctx) {
        JsonBodies.object(ctx, Set.of());
        ApiJson.send(ctx, act(ctx, "reload", live -> live.reload(ctx.pathParam("pluginId"))));
    }

    /** Runs a change on the live runtime: an unknown plugin or version is 404, an ambiguous one 400, no runtime 409. */
    private ReloadEvent act(RoutingContext ctx, String what, Function<PluginControl, ReloadEvent> change) {
        PluginControl live = sources.livePlugins().orElseThrow(() -> new RequestProblem(409,
                "no running runtime: cannot " + what + " plugin '" + ctx.pathParam("pluginId")
                        + "' in a finished history; start one with stratagem run"));
        try {
            return change.apply(live);
        } catch (VersionIds.Ambiguous e) {
            throw RequestProblem.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw RequestProblem.notFound(e.getMessage());
        }
    }

    private static PluginView view(PluginStatus p) {
        return new PluginView(p.pluginId(), p.version(), "STARTED", p.sha256(), "", p.extensions(), "", p.stored(),
                p.strategies());
    }

    private static PluginView view(PluginInfo p) {
        return new PluginView(p.pluginId(), p.version(), p.state(), p.sha256(),
                p.jar() == null || p.jar().getFileName() == null ? "" : p.jar().getFileName().toString(),
                p.extensions(), p.problem(), List.of(), List.of());
    }
}
