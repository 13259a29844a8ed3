package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.history.ReloadEvent;
import java.util.List;

/**
 * Control of a running runtime's plugins: what runs, what happened, and going back. Served over HTTP by
 * {@link PluginRoutes} and called by {@code stratagem plugins list|history|rollback}.
 */
public interface PluginControl {

    /** @return every live plugin version, the versions stored for rollback, and the strategies running it */
    List<PluginStatus> list();

    /**
     * @param pluginId a plugin
     * @return its reload events, newest first (at most 200)
     */
    List<ReloadEvent> history(String pluginId);

    /**
     * Makes a stored version live again, through the same validated swap as a dropped jar.
     *
     * @param pluginId a plugin
     * @param version the version to go back to, or {@code null} for the one live before the current
     * @return the reload event ({@code SWAPPED} or {@code REFUSED} with the reason)
     * @throws IllegalArgumentException if the plugin or that version is not in the version store
     */
    ReloadEvent rollback(String pluginId, String version);
}
