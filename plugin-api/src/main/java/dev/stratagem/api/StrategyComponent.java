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
}
