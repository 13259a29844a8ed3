package dev.stratagem.api;

import org.pf4j.ExtensionPoint;

/**
 * What every strategy component has in common: an id a strategy file names it by, and a chance to read
 * and validate its parameters before the first cycle.
 *
 * <p>The runtime creates one instance per strategy that uses the component (through its public no-arg
 * constructor), calls {@link #configure(Parameters)} once, and then calls the component only from that
 * strategy's thread, so a component may keep plain mutable state without locks.
 */
public interface StrategyComponent extends ExtensionPoint {

    /**
     * @return the id a strategy file names this component by, for example {@code sma-crossover};
     *     unique among components of the same role
     */
    String id();

    /**
     * Reads and validates the parameters. Called once, before the first cycle.
     *
     * @param params the parameters from the strategy file
     * @throws IllegalArgumentException naming the bad key, if a parameter is missing or invalid; the
     *     strategy then fails to load rather than trading on a bad config
     */
    default void configure(Parameters params) {
        params.requireOnly(id(), java.util.Set.of());
    }

    /**
     * Hot reload, old side: the state this instance hands to its successor when a new version of its plugin
     * jar replaces it. Called once, on the strategy's thread, at the cycle boundary where the swap happens
     * (after the last cycle of the old version, before the first cycle of the new one); this instance is
     * never called again afterwards.
     *
     * <p>The state crosses class loaders (the old and the new jar each have their own), so it must hold only
     * JDK types ({@code String}, boxed numbers, {@code Boolean}, {@code List}, {@code Map}) and plugin-API
     * records, never a class of the plugin itself: that would fail to cast in the new version and would pin
     * the old jar's class loader in memory. Copy mutable collections: the old instance is discarded.
     *
     * @return the state to hand over; empty (the default) for none, and the new version then starts fresh.
     *     The ledger, positions and working orders belong to the runtime and survive a swap either way.
     */
    default java.util.Map<String, Object> snapshot() {
        return java.util.Map.of();
    }

    /**
     * Hot reload, new side: takes over the state the previous version's {@link #snapshot()} returned. Called
     * once, on the strategy's thread, after {@link #configure(Parameters)} and before this instance's first
     * cycle, only if the snapshot was not empty. The previous version may be older or newer than this one
     * (a rollback restores an earlier jar), so check what is there and ignore keys you do not know.
     *
     * @param state the previous version's snapshot, never empty
     * @throws IllegalArgumentException if the state cannot be taken over; the swap is then called off for
     *     this strategy, the old version keeps running and the reason is recorded with the reload event
     */
    default void restore(java.util.Map<String, Object> state) {
        // stateless by default: start fresh
    }
}
