package dev.stratagem.runtime.cycle;

import dev.stratagem.api.ComponentVersion;

/**
 * A component whose version can change while it runs (a script swaps in a new source between two cycles).
 * The coordinator records {@link #version()} with every cycle instead of the version fixed at assembly; a
 * strategy without such components records its assembled versions with no per-cycle work.
 */
public interface VersionedComponent {

    /** @return the version serving now (the same instance as long as it does not change) */
    ComponentVersion version();
}
