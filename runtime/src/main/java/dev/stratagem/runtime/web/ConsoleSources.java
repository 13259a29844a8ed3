package dev.stratagem.runtime.web;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.plugin.PluginInfo;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the console reads and drives.
 *
 * @param store the history
 * @param control the control plane
 * @param plugins the loaded plugins, asked on each request
 */
public record ConsoleSources(JdbiHistoryStore store, ControlPlane control, Supplier<List<PluginInfo>> plugins) {

    /** Checks the fields. */
    public ConsoleSources {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(plugins, "plugins");
    }
}
