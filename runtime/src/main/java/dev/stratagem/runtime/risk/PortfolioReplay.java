package dev.stratagem.runtime.risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * After a restart, applies to the portfolio breaker restored from its stored state the updates of the stored cycles
 * after that state ({@link BreakerUpdate}), with the manual resets among them, in update order: what the breaker saw
 * of the cycles that do not run again. Each update sets its sleeve's equity and sums the sleeves, as the running engine
 * did, but with the equities of stored cycles only (a lost cycle's runs again later), so a move may differ from the
 * one recorded at that update: {@link #made} says which moves the replay made, for the engine to square the record.
 */
final class PortfolioReplay {

    private final CircuitBreaker breaker;
    /** Each sleeve's equity, by strategy, in registration order: the order the running engine sums them in. */
    private final Map<String, Double> equities;
    /** The moves the replayed updates made, by update. */
    final Map<Long, BreakerTransition> made = new LinkedHashMap<>();
    int updates;
    int resets;

    /**
     * @param breaker the portfolio breaker, restored from the stored state
     * @param equities each sleeve's equity the stored state summed, by strategy, in registration order
     */
    PortfolioReplay(CircuitBreaker breaker, LinkedHashMap<String, Double> equities) {
        this.breaker = breaker;
        this.equities = equities;
    }

    /** @return the sum of the sleeves' equities, in registration order */
    double sum() {
        double sum = 0;
        for (double e : equities.values()) {
            sum += e;
        }
        return sum;
    }

    /**
     * @param stored the stored cycles' updates after the state, in update order
     * @param recorded the transitions recorded after the state: its manual resets are applied again
     */
    void apply(List<BreakerUpdate> stored, List<RiskStore.Recorded> recorded) {
        NavigableMap<Long, BreakerTransition> resetsAfter = new TreeMap<>();
        for (RiskStore.Recorded r : recorded) {
            if (r.reset()) {
                resetsAfter.put(r.update(), r.transition());
            }
        }
        long done = Long.MIN_VALUE;
        for (BreakerUpdate u : stored) {
            resetBetween(resetsAfter, done, u.update());
            if (equities.replace(u.strategyId(), u.equity()) != null) {   // a sleeve of the state's: always
                breaker.update(null, u.ts(), sum()).ifPresent(t -> made.put(u.update(), t));
                updates++;
            }
            done = u.update();
        }
        resetBetween(resetsAfter, done, Long.MAX_VALUE);
    }

    /**
     * The resets between two updates: each does what {@link CircuitBreaker#reset} would have (nothing to an ACTIVE
     * breaker), so after the first the others do nothing.
     */
    private void resetBetween(NavigableMap<Long, BreakerTransition> resetsAfter, long from, long to) {
        if (!resetsAfter.subMap(from, false, to, false).isEmpty() && breaker.state() != BreakerState.ACTIVE) {
            breaker.restoreReset();
            resets++;
        }
    }
}
