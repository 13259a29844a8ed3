package dev.stratagem.runtime.web.api;

import dev.stratagem.runtime.plugin.PluginInfo;
import dev.stratagem.runtime.web.ConsoleSources;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code /api/plugins} and {@code /api/scripts}: what is loaded, and its reload history (empty until hot reload). */
final class PluginsApi {

    /**
     * @param pluginId the PF4J id
     * @param version its version
     * @param state its PF4J state
     * @param sha256 the jar hash prefix
     * @param jar the jar file name
     * @param extensions the extension classes
     * @param problem why it failed to load, empty if it did not
     * @param reloads its reload history, oldest first
     */
    record PluginView(String pluginId, String version, String state, String sha256, String jar,
            List<String> extensions, String problem, List<Object> reloads) {}

    private final ConsoleSources sources;

    PluginsApi(ConsoleSources sources) {
        this.sources = sources;
    }

    void list(RoutingContext ctx) {
        ApiJson.send(ctx, sources.plugins().get().stream().map(PluginsApi::view).toList());
    }

    void scripts(RoutingContext ctx) {
        ApiJson.send(ctx, List.of());
    }

    void reload(RoutingContext ctx) {
        throw new ApiProblem(501, "Not implemented", "reloading or rolling back plugin '" + ctx.pathParam("pluginId")
                + "' is not available until hot reload lands; restart the runtime to load a new jar");
    }

    private static PluginView view(PluginInfo p) {
        return new PluginView(p.pluginId(), p.version(), p.state(), p.sha256(),
                p.jar() == null || p.jar().getFileName() == null ? "" : p.jar().getFileName().toString(),
                p.extensions(), p.problem(), List.of());
    }
}
