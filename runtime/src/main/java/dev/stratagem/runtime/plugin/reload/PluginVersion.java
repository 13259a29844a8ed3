package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.StrategyComponent;
import dev.stratagem.runtime.plugin.ComponentHandle;
import dev.stratagem.runtime.plugin.UnknownComponentException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * One version of one plugin, loaded from its copy in the version store by a PluginManager of its own, so a
 * new version loads aside while the old one still serves, and unloading one frees exactly its class loader.
 */
final class PluginVersion implements AutoCloseable {

    private final JarDescriptor descriptor;
    private final Path jar;
    private final PluginManager manager;
    private volatile boolean closed;

    private PluginVersion(JarDescriptor descriptor, Path jar, PluginManager manager) {
        this.descriptor = descriptor;
        this.jar = jar;
        this.manager = manager;
    }

    /**
     * Loads and starts the jar.
     *
     * @throws RefusedException if PF4J cannot start it or it provides no extension
     */
    static PluginVersion load(JarDescriptor descriptor, Path storedJar) throws RefusedException {
        return load(descriptor, storedJar, List.of());
    }

    /**
     * Loads and starts the jar against the given versions of the plugins it depends on: their jars are
     * loaded again into this version's PluginManager, so its class loader sees exactly those versions.
     *
     * @throws RefusedException if PF4J cannot start it or it provides no extension
     */
    static PluginVersion load(JarDescriptor descriptor, Path storedJar, List<PluginVersion> dependencies)
            throws RefusedException {
        PluginManager manager = new DefaultPluginManager(storedJar.getParent());
        PluginVersion version = new PluginVersion(descriptor, storedJar, manager);
        try {
            for (PluginVersion dependency : dependencies) {
                manager.loadPlugin(dependency.jar());
            }
            String id = manager.loadPlugin(storedJar);
            if (!descriptor.pluginId().equals(id)) {
                throw new RefusedException("PF4J read plugin id '" + id + "', the manifest says '" + descriptor.pluginId() + "'");
            }
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                Throwable why = manager.getPlugin(id).getFailedException();
                throw new RefusedException("plugin '" + id + "' " + descriptor.version() + " did not start: "
                        + (why == null ? state : why.toString()));
            }
            if (manager.getExtensionClassNames(id).isEmpty()) {
                throw new RefusedException("plugin '" + id + "' " + descriptor.version() + " provides no extensions");
            }
            return version;
        } catch (RefusedException e) {
            version.close();
            throw e;
        } catch (RuntimeException | LinkageError e) {
            version.close();
            throw new RefusedException("plugin '" + descriptor.pluginId() + "' " + descriptor.version()
                    + " failed to load: " + e);
        }
    }

    JarDescriptor descriptor() {
        return descriptor;
    }

    String pluginId() {
        return descriptor.pluginId();
    }

    Path jar() {
        return jar;
    }

    /** @return the plugin's class loader (the leak test holds it weakly) */
    ClassLoader classLoader() {
        return manager.getPlugin(pluginId()).getPluginClassLoader();
    }

    List<String> extensions() {
        return List.copyOf(new TreeSet<>(manager.getExtensionClassNames(pluginId())));
    }

    <T extends StrategyComponent> Map<String, Class<? extends T>> classesById(Class<T> role) {
        Map<String, Class<? extends T>> byId = new LinkedHashMap<>();
        if (closed) {
            return byId;
        }
        for (Class<? extends T> type : manager.getExtensionClasses(role, pluginId())) {
            byId.putIfAbsent(instantiate(type).id(), type);
        }
        return byId;
    }

    <T extends StrategyComponent> ComponentHandle<T> create(Class<? extends T> type, String roleName, String id,
            Parameters params) {
        T component = instantiate(type);
        try {
            component.configure(params);
        } catch (RuntimeException e) {
            throw new UnknownComponentException(roleName + " '" + id + "': " + e.getMessage(), e);
        }
        return new ComponentHandle<>(component, new ComponentVersion(roleName, id, pluginId(), descriptor.version(),
                descriptor.shortSha()));
    }

    private static <T> T instantiate(Class<? extends T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnknownComponentException("cannot create " + type.getName()
                    + " (it needs a public no-arg constructor): " + e, e);
        }
    }

    /** Stops and unloads the plugin and closes its class loader (and with it the jar). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PluginWrapper p : List.copyOf(manager.getPlugins())) {
            manager.unloadPlugin(p.getPluginId());
        }
    }

    @Override
    public String toString() {
        return pluginId() + " " + descriptor.version() + " (" + descriptor.shortSha() + ")";
    }
}
