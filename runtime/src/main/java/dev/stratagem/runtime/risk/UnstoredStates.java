package dev.stratagem.runtime.risk;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.cycle.ComposeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portfolio breaker's state after each cycle, kept from the cycle's update until the history has stored its
 * record ({@link PortfolioStateSink}).
 *
 * <p>A batch of records is stored with the highest state whose update, and every update kept before it, belongs to a
 * stored record or one of the batch: the <em>watermark</em>. Strategies update the breaker in one order (under the
 * engine's lock) and hand their records to the history in another (after the cycle, each on its own thread), so a
 * batch may hold a later update's record without an earlier one's. Storing the batch's own latest state would then
 * store a state that sums a cycle a crash could still lose. With the watermark, the stored state holds only updates of
 * stored cycles, and a lost cycle runs again after the restart into a breaker that has not seen it.
 *
 * <p>Thread-safe: states are kept under the engine's lock, in update order (and {@code warned} is only touched
 * there); the history's thread reads and drops them, and a strategy's thread drops the state of a record it could not
 * queue.
 */
final class UnstoredStates {

    /**
     * How many updates back a state is kept at most, a backstop: a record that will not be stored is forgotten
     * ({@link RiskEngine#notStored}: not queued; {@link PortfolioStateSink#notWritten}: given up by the history), but
     * one missed would hold back every state after it. This is far
     * more than the history's queue and batch hold, so an older state's record is not coming.
     */
    static final int LIMIT = 65_536;
    /** The backstop looks every this many updates. */
    static final int LOOK_EVERY = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(UnstoredStates.class);

    /**
     * A kept state; {@code stored} once its record is (while an earlier update's record is not yet), or for a manual
     * reset's (no record), once its transition is recorded: then the first batch whose watermark passes it stores it.
     */
    private static final class Kept {
        final ComposeId cycle;
        final PortfolioBreakerState state;
        volatile boolean stored;

        Kept(ComposeId cycle, PortfolioBreakerState state, boolean stored) {
            this.cycle = cycle;
            this.state = state;
            this.stored = stored;
        }
    }

    private final ConcurrentSkipListMap<Long, Kept> byUpdate = new ConcurrentSkipListMap<>();
    /** The kept states of records not stored yet. */
    private final Map<ComposeId, Kept> byCycle = new ConcurrentHashMap<>();
    private boolean warned;

    /**
     * Keeps the breaker's state after a cycle's update; called in update order.
     *
     * @param cycle the cycle
     * @param state the state after its update
     */
    void keep(ComposeId cycle, PortfolioBreakerState state) {
        Kept k = new Kept(cycle, state, false);
        byUpdate.put(state.update(), k);
        byCycle.put(cycle, k);
        if (state.update() % LOOK_EVERY == 0) {
            dropOlderThan(state.update() - LIMIT);
        }
    }

    /**
     * Keeps the state a manual reset left, in update order. No record carries it: once its transition is recorded
     * ({@link #resetRecorded}), the first batch whose watermark passes it stores it or a later one. Until then a
     * restart finds the reset's transition after the stored state and applies it again
     * ({@link RiskEngine#restorePortfolio}).
     *
     * @param state the state after the reset
     */
    void keepReset(PortfolioBreakerState state) {
        byUpdate.put(state.update(), new Kept(null, state, false));
    }

    /** @param update a kept reset's, whose transition is recorded (or failed to be): its state may now be stored */
    void resetRecorded(long update) {
        Kept k = byUpdate.get(update);
        if (k != null) {
            k.stored = true;
        }
    }

    /** Drops the states of updates up to {@code update}: see {@link #LIMIT}. */
    private void dropOlderThan(long update) {
        Map.Entry<Long, Kept> oldest;
        while ((oldest = byUpdate.firstEntry()) != null && oldest.getKey() <= update) {
            Kept k = oldest.getValue();
            byUpdate.remove(oldest.getKey(), k);
            if (!k.stored && k.cycle != null && byCycle.remove(k.cycle, k) && !warned) {
                warned = true;
                LOG.warn("the record of cycle {} was never stored, {} updates of the portfolio breaker later; its state"
                        + " no longer holds back the states after it", k.cycle, LIMIT);
            }
        }
    }

    /**
     * @param batch records about to be stored
     * @return the state to store with them, the watermark's; null if none of theirs reaches past it
     */
    PortfolioBreakerState storableWith(List<CycleRecord> batch) {
        Set<Long> inBatch = new HashSet<>();
        for (CycleRecord c : batch) {
            Kept k = byCycle.get(new ComposeId(c.runId(), c.sequence()));
            if (k != null) {
                inBatch.add(k.state.update());
            }
        }
        // a state kept while this walks is later than every state that can be passed (a record's is not stored and not
        // in the batch; a reset's waits for its transition): the walk stops at it or before
        PortfolioBreakerState storable = null;
        for (Kept k : byUpdate.values()) {
            if (!k.stored && !inBatch.contains(k.state.update())) {
                break;
            }
            storable = k.state;
        }
        return storable;
    }

    /**
     * @param batch records about to be stored
     * @param with the state stored with them ({@link #storableWith}), null for none
     * @return the updates of the batch's records after that state, in the batch's order: stored with them, so that a
     *     restart can apply them again ({@link PortfolioReplay})
     */
    List<BreakerUpdate> updatesAfter(List<CycleRecord> batch, PortfolioBreakerState with) {
        long after = with == null ? 0 : with.update();
        List<BreakerUpdate> updates = new ArrayList<>();
        for (CycleRecord c : batch) {
            Kept k = byCycle.get(new ComposeId(c.runId(), c.sequence()));
            if (k != null && k.state.update() > after && c.portfolioAfter() != null) {
                updates.add(new BreakerUpdate(k.state.update(), c.composeId(), c.strategyId(), c.ts(),
                        c.portfolioAfter().equity()));
            }
        }
        return updates;
    }

    /**
     * @param batch records now stored
     * @param with the state stored with them, null for none: it and every state before it are no longer needed
     */
    void stored(List<CycleRecord> batch, PortfolioBreakerState with) {
        for (CycleRecord c : batch) {
            Kept k = byCycle.remove(new ComposeId(c.runId(), c.sequence()));
            if (k != null) {
                k.stored = true;
            }
        }
        if (with != null) {
            byUpdate.headMap(with.update(), true).clear();
        }
    }

    /** @param cycle a cycle whose record will not be stored */
    void forget(ComposeId cycle) {
        Kept k = byCycle.remove(cycle);
        if (k != null) {
            byUpdate.remove(k.state.update(), k);
        }
    }

    /** @return how many states of records not stored yet are kept */
    int unstored() {
        return byCycle.size();
    }

    /** @return how many states are kept, stored or not: at most {@link #LIMIT} */
    int kept() {
        return byUpdate.size();
    }
}
