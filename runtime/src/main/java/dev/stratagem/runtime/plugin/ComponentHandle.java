package dev.stratagem.runtime.plugin;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.StrategyComponent;

/**
 * A freshly created, configured component and the exact version it came from.
 *
 * @param component the component instance, owned by one strategy
 * @param version where it came from
 * @param <T> the component's role
 */
public record ComponentHandle<T extends StrategyComponent>(T component, ComponentVersion version) {}
