package dev.stratagem.runtime.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded (or failed) plugin.
 *
 * @param pluginId the PF4J plugin id
 * @param version the plugin version
 * @param state the PF4J state ({@code STARTED}, {@code FAILED}, ...)
 * @param jar the jar file
 * @param sha256 the first 12 hex digits of the jar's SHA-256
 * @param extensions the extension class names it provides
 * @param problem why it failed, empty if it did not
 */
public record PluginInfo(
        String pluginId, String version, String state, Path jar, String sha256, List<String> extensions, String problem) {}
