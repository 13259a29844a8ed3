package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.runtime.history.ReloadEvent;
import java.util.List;

/**
 * Control of a running runtime's plugins: what runs, what happened, reloading and going back. Served over
 * HTTP by the console's API ({@code /api/plugins}) and called through it by
 * {@code stratagem plugins list|history|reload|rollback} ({@link PluginApiClient}).
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
     * @param version the version to go back to, or {@code null} for the one live before the current: an id as
     *     {@link #list} shows it ({@code <version>-<sha12>}), a version only one stored build has, or a prefix
     *     of one build's SHA-256 (see {@link VersionIds#pick})
     * @return the reload event ({@code SWAPPED}, {@code REFUSED} with the reason, or {@code UNCHANGED}, not
     *     recorded, if that version is the live one)
     * @throws VersionIds.Ambiguous if {@code version} fits several stored builds (they are listed)
     * @throws IllegalArgumentException if the plugin or that version is not in the version store
     */
    ReloadEvent rollback(String pluginId, String version);

    /**
     * Offers the plugin's jar in {@code plugins/} again, through the validated swap (e.g. after a refusal
     * whose cause was outside the jar, or to resume strategies paused by a removal).
     *
     * @param pluginId a plugin
     * @return the reload event ({@code SWAPPED}, {@code REFUSED} with the reason, or {@code UNCHANGED}, not
     *     recorded, if that jar is the live version already)
     * @throws IllegalArgumentException if no jar in {@code plugins/} holds that plugin
     */
    ReloadEvent reload(String pluginId);
}
