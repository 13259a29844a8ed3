package dev.stratagem.runtime.web;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.plugin.PluginInfo;
import dev.stratagem.runtime.plugin.reload.PluginControl;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console reads and drives.
 *
 * @param store the history
 * @param control the control plane
 * @param plugins the plugins folder's plugins, asked on each request when no runtime runs
 * @param runtime the running runtime's plugins (list, reload history, reload, rollback), {@code null} when
 *     the console shows a finished history ({@code demo}, {@code console})
 * @param cycleBus the running runtime's event bus, on which the kernel publishes every cycle record at
 *     {@code Addresses.cycleResult(strategyId)} (local codec): the live stream is pushed from it; {@code null}
 *     when no runtime runs in this process, and the live stream follows the history
 */
public record ConsoleSources(JdbiHistoryStore store, ControlPlane control, Supplier<List<PluginInfo>> plugins,
        PluginControl runtime, EventBus cycleBus) {

    /** Checks the fields. */
    public ConsoleSources {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(plugins, "plugins");
    }

    /** Sources with a runtime's plugins but no cycle bus (the live stream follows the history). */
    public ConsoleSources(JdbiHistoryStore store, ControlPlane control, Supplier<List<PluginInfo>> plugins,
            PluginControl runtime) {
        this(store, control, plugins, runtime, null);
    }

    /** Sources with no running runtime behind them. */
    public ConsoleSources(JdbiHistoryStore store, ControlPlane control, Supplier<List<PluginInfo>> plugins) {
        this(store, control, plugins, null, null);
    }

    /** @return the running runtime's plugin control, empty on a finished history */
    public Optional<PluginControl> livePlugins() {
        return Optional.ofNullable(runtime);
    }
}
