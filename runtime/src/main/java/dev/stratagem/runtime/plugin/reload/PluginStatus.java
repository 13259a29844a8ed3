package dev.stratagem.runtime.plugin.reload;

import java.util.List;

/**
 * One live plugin.
 *
 * @param pluginId the plugin id
 * @param version the live version
 * @param sha256 the first 12 hex digits of its jar's SHA-256
 * @param extensions its extension class names
 * @param stored the versions in the store, most recently live first: their {@link VersionIds ids},
 *     {@code <version>-<sha12>}, which a rollback takes
 * @param strategies the strategies running it, each {@code id: RUNNING} or {@code id: PAUSED: why}
 */
public record PluginStatus(
        String pluginId, String version, String sha256, List<String> extensions, List<String> stored,
        List<String> strategies) {

    /** Copies the lists. */
    public PluginStatus {
        extensions = List.copyOf(extensions);
        stored = List.copyOf(stored);
        strategies = List.copyOf(strategies);
    }
}
