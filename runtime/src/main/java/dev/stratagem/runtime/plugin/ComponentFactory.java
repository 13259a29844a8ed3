package dev.stratagem.runtime.plugin;

import dev.stratagem.api.Parameters;
import dev.stratagem.api.StrategyComponent;
import java.util.List;

/** Creates configured components by role and id: a folder's plugins, or the live versions of a hot-reloading runtime. */
public interface ComponentFactory {

    /**
     * @param role the extension point
     * @return the ids of the components of that role, sorted
     */
    List<String> ids(Class<? extends StrategyComponent> role);

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
    <T extends StrategyComponent> ComponentHandle<T> create(Class<T> role, String roleName, String id, Parameters params);
}
