package dev.stratagem.runtime.plugin.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plugin-Dependencies across versions: each version has a PluginManager of its own, so a plugin that depends
 * on others is loaded together with the live versions of those, and loaded again when one of them is swapped.
 */
final class PluginDependencies {

    private final LivePlugins live;

    PluginDependencies(LivePlugins live) {
        this.live = live;
    }

    /** @return whether every plugin the jar depends on is live (an unreadable jar: true, to be refused) */
    boolean live(Path jar) {
        try {
            return JarDescriptor.read(jar).dependencies().stream().allMatch(id -> live.get(id) != null);
        } catch (RefusedException unreadable) {
            return true;
        }
    }

    /**
     * @return the live versions of the plugins {@code d} depends on, transitively, dependencies first;
     *     {@code replacement} (or null) standing in for the live version of its plugin
     * @throws RefusedException if one is not loaded
     */
    List<PluginVersion> of(JarDescriptor d, PluginVersion replacement) throws RefusedException {
        List<PluginVersion> deps = new ArrayList<>();
        for (String id : d.dependencies()) {
            PluginVersion v = replacement != null && replacement.pluginId().equals(id) ? replacement : live.get(id);
            if (v == null) {
                throw new RefusedException("plugin '" + d.pluginId() + "' " + d.version() + " depends on plugin '" + id
                        + "' (Plugin-Dependencies), which is not loaded; drop its jar in first");
            }
            deps.addAll(of(v.descriptor(), replacement));
            deps.add(v);
        }
        return deps.stream().distinct().toList();
    }

    /** @return the live versions whose descriptor lists {@code pluginId} among its Plugin-Dependencies */
    List<PluginVersion> dependentsOf(String pluginId) {
        return live.all().stream().filter(v -> v.descriptor().dependencies().contains(pluginId)).toList();
    }

    /** @return {@code user} loaded again, aside, against {@code dependency} in place of its live version */
    PluginVersion reloadAgainst(PluginVersion user, PluginVersion dependency) throws RefusedException {
        try {
            return PluginVersion.load(user.descriptor(), user.jar(), of(user.descriptor(), dependency));
        } catch (RefusedException e) {
            throw new RefusedException("dependent plugin '" + user.pluginId() + "' " + user.descriptor().version()
                    + " does not load against " + dependency + ": " + e.getMessage());
        }
    }
}
