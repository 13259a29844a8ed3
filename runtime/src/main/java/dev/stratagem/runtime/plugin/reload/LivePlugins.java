package dev.stratagem.runtime.plugin.reload;

import dev.stratagem.api.Parameters;
import dev.stratagem.api.StrategyComponent;
import dev.stratagem.runtime.plugin.ComponentFactory;
import dev.stratagem.runtime.plugin.ComponentHandle;
import dev.stratagem.runtime.plugin.UnknownComponentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The plugin versions that serve now, one per plugin id, as a component factory. {@link #with} gives the
 * view a strategy is rebuilt against when one plugin's candidate version is tried.
 */
final class LivePlugins implements ComponentFactory {

    private final Map<String, PluginVersion> live;

    LivePlugins() {
        this(new ConcurrentSkipListMap<>());
    }

    private LivePlugins(Map<String, PluginVersion> live) {
        this.live = live;
    }

    PluginVersion get(String pluginId) {
        return live.get(pluginId);
    }

    /** @return the version it replaced, or null */
    PluginVersion put(PluginVersion version) {
        return live.put(version.pluginId(), version);
    }

    PluginVersion remove(String pluginId) {
        return live.remove(pluginId);
    }

    Collection<PluginVersion> all() {
        return List.copyOf(live.values());
    }

    /** @return a view in which {@code candidate} replaces the live version of its plugin */
    LivePlugins with(PluginVersion candidate) {
        Map<String, PluginVersion> view = new ConcurrentSkipListMap<>(live);
        view.put(candidate.pluginId(), candidate);
        return new LivePlugins(view);
    }

    @Override
    public List<String> ids(Class<? extends StrategyComponent> role) {
        TreeSet<String> ids = new TreeSet<>();
        for (PluginVersion v : live.values()) {
            ids.addAll(v.classesById(role).keySet());
        }
        return List.copyOf(ids);
    }

    @Override
    public <T extends StrategyComponent> ComponentHandle<T> create(Class<T> role, String roleName, String id,
            Parameters params) {
        List<String> available = new ArrayList<>();
        for (PluginVersion v : live.values()) {
            Map<String, Class<? extends T>> byId = v.classesById(role);
            Class<? extends T> type = byId.get(id);
            if (type != null) {
                return v.create(type, roleName, id, params);
            }
            available.addAll(byId.keySet());
        }
        throw new UnknownComponentException("no " + roleName + " '" + id + "' in the live plugins " + live.keySet()
                + "; available: " + new TreeSet<>(available), null);
    }
}
