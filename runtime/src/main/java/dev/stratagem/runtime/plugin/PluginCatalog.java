package dev.stratagem.runtime.plugin;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.StrategyComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins loaded from one folder, and the components they provide by role and id. A jar that fails to
 * load is reported (see {@link #plugins()}) and skipped; the others still load.
 */
public final class PluginCatalog implements ComponentFactory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    private final Path folder;
    private final PluginManager manager;
    private final Map<String, String> jarHashes = new LinkedHashMap<>();
    private final List<PluginInfo> refused = new ArrayList<>();

    private PluginCatalog(Path folder, PluginManager manager) {
        this.folder = folder;
        this.manager = manager;
    }

    /**
     * Loads and starts every plugin jar in a folder.
     *
     * @param folder the plugins folder; a missing folder is an empty catalog
     * @return the catalog
     */
    public static PluginCatalog load(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        PluginManager manager = new DefaultPluginManager(dir);
        PluginCatalog catalog = new PluginCatalog(dir, manager);
        if (Files.isDirectory(dir)) {
            for (Path jar : jars(dir)) {
                catalog.loadChecked(jar);
            }
            manager.startPlugins();
        } else {
            LOG.warn("plugins folder {} does not exist: no plugin components are available", dir);
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            catalog.jarHashes.put(plugin.getPluginId(),
                    Sha256.ofFile(plugin.getPluginPath()).substring(0, Sha256.PREFIX));
            if (plugin.getPluginState() != PluginState.STARTED) {
                LOG.error("plugin {} from {} did not start: {}", plugin.getPluginId(), plugin.getPluginPath(),
                        problem(plugin));
            } else if (manager.getExtensionClassNames(plugin.getPluginId()).isEmpty()) {
                LOG.warn("plugin {} from {} provides no extensions (is META-INF/extensions.idx missing?)",
                        plugin.getPluginId(), plugin.getPluginPath());
            }
        }
        return catalog;
    }

    /**
     * Loads one jar, or records why not: a jar that does not open as a zip (half-written, truncated) or has
     * no {@code Plugin-Id} in its manifest, or names a {@code Plugin-Class} that is not there, is refused with a
     * one-line reason instead of PF4J's stack trace.
     */
    private void loadChecked(Path jar) {
        String problem = JarCheck.problem(jar);
        if (problem == null) {
            try {
                manager.loadPlugin(jar);
                return;
            } catch (RuntimeException e) {
                problem = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        LOG.error("plugin jar {} refused: {}", jar.getFileName(), problem);
        refused.add(new PluginInfo(jar.getFileName().toString(), "", "REFUSED", jar,
                Sha256.ofFile(jar).substring(0, Sha256.PREFIX), List.of(), problem));
    }

    private static List<Path> jars(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list plugins folder " + dir, e);
        }
    }

    /** @return the folder the plugins came from */
    public Path folder() {
        return folder;
    }

    /** @return every plugin jar found: started, failed, or refused before loading */
    public List<PluginInfo> plugins() {
        List<PluginInfo> infos = new ArrayList<>(refused);
        for (PluginWrapper p : manager.getPlugins()) {
            infos.add(new PluginInfo(p.getPluginId(), p.getDescriptor().getVersion(), p.getPluginState().toString(),
                    p.getPluginPath(), jarHashes.getOrDefault(p.getPluginId(), ""),
                    List.copyOf(new TreeSet<>(manager.getExtensionClassNames(p.getPluginId()))), problem(p)));
        }
        return infos;
    }

    /**
     * @param role the extension point
     * @return the ids of the components of that role, sorted
     */
    @Override
    public List<String> ids(Class<? extends StrategyComponent> role) {
        return List.copyOf(new TreeSet<>(classesById(role).keySet()));
    }

    /**
     * Creates a new instance of a component and configures it.
     *
     * @param role the extension point
     * @param roleName the role as recorded ({@code composer}, {@code features}, ...)
     * @param id the component id
     * @param params its parameters
     * @param <T> the role type
     * @return the configured component and its version
     * @throws UnknownComponentException if no plugin provides it or it rejects the parameters
     */
    @Override
    public <T extends StrategyComponent> ComponentHandle<T> create(
            Class<T> role, String roleName, String id, Parameters params) {
        Class<? extends T> type = classesById(role).get(id);
        if (type == null) {
            throw new UnknownComponentException("no " + roleName + " '" + id + "' in the plugins of " + folder
                    + "; available: " + ids(role), null);
        }
        T component = instantiate(type);
        try {
            component.configure(params);
        } catch (RuntimeException e) {
            throw new UnknownComponentException(roleName + " '" + id + "': " + e.getMessage(), e);
        }
        PluginWrapper plugin = manager.whichPlugin(type);
        ComponentVersion version = new ComponentVersion(roleName, id, plugin.getPluginId(),
                plugin.getDescriptor().getVersion(), jarHashes.getOrDefault(plugin.getPluginId(), ""));
        return new ComponentHandle<>(component, version);
    }

    private <T extends StrategyComponent> Map<String, Class<? extends T>> classesById(Class<T> role) {
        Map<String, Class<? extends T>> byId = new LinkedHashMap<>();
        for (Class<? extends T> type : manager.getExtensionClasses(role)) {
            // Only plugin jars provide components: an extension index on the application class path (a test
            // class path, say) would otherwise shadow the jar the strategy author dropped in.
            if (manager.whichPlugin(type) != null) {
                byId.putIfAbsent(instantiate(type).id(), type);
            }
        }
        return byId;
    }

    private static <T> T instantiate(Class<? extends T> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnknownComponentException("cannot create " + type.getName()
                    + " (it needs a public no-arg constructor): " + e, e);
        }
    }

    private static String problem(PluginWrapper plugin) {
        Throwable failure = plugin.getFailedException();
        return failure == null ? "" : String.valueOf(failure.getMessage());
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
