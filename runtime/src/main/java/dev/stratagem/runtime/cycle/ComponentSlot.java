package dev.stratagem.runtime.cycle;

import dev.stratagem.api.StrategyComponent;
import dev.stratagem.api.StrategyListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a hot reload leaves a strategy's next components. The coordinator reads the slot at the start of
 * each cycle, on the strategy's thread, so a swap happens between two cycles and never inside one: no cycle
 * is lost, doubled or half run on each version. Thread-safe: any thread offers, the strategy adopts.
 */
public final class ComponentSlot {

    private final AtomicReference<Swap> pending = new AtomicReference<>();
    private volatile String pausedReason;
    private volatile boolean closed;

    /**
     * Offers new components for the next cycle boundary, replacing (and failing) an offer not yet adopted,
     * and resumes a paused strategy.
     *
     * @param next the components to run from the next cycle on
     * @return completes with the sequence number of the first cycle that ran them, or exceptionally if the
     *     state handoff failed (the old components then keep running) or a newer offer superseded this one
     */
    public CompletableFuture<Long> offer(StrategyComponents next) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoppedException());
        }
        Swap swap = new Swap(next, new CompletableFuture<>());
        Swap previous = pending.getAndSet(swap);
        if (previous != null) {
            previous.done().completeExceptionally(new IllegalStateException("superseded by a newer version"));
        }
        if (closed && pending.compareAndSet(swap, null)) {
            // closed while this offer was made, after close() took what was pending: it is the caller's again
            swap.done().completeExceptionally(new StoppedException());
            return swap.done();
        }
        pausedReason = null;
        return swap.done();
    }

    /** Why an offer failed: the strategy was stopped for good; the offered components never ran. */
    public static final class StoppedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("the strategy was stopped");
        }
    }

    /**
     * The strategy stopped for good and runs no more cycles: an offer not yet adopted fails, and so does every
     * later one, at once (a {@link StoppedException}) instead of waiting for a cycle that never comes. Any thread.
     *
     * @return the components of the offer that failed, which never ran and are the caller's to close, or
     *     {@code null}
     */
    public StrategyComponents close() {
        closed = true;
        Swap swap = pending.getAndSet(null);
        if (swap == null) {
            return null;
        }
        swap.done().completeExceptionally(new StoppedException());
        return swap.next();
    }

    /**
     * Pauses the strategy: its verticle skips bars (no cycle runs, none is recorded) until a new offer.
     *
     * @param reason shown as the strategy's status
     */
    public void pause(String reason) {
        pausedReason = reason;
    }

    /** Resumes a paused strategy with the components it has. */
    public void resume() {
        pausedReason = null;
    }

    /** @return why the strategy is paused, or {@code null} if it runs */
    public String pausedReason() {
        return pausedReason;
    }

    /**
     * Adopts a pending offer, handing each replaced component's state to its successor.
     *
     * @param current the components that ran the last cycle
     * @param sequence the number of the cycle about to run
     * @return the components to run this cycle with
     */
    StrategyComponents adopt(StrategyComponents current, long sequence) {
        // every cycle: a plain read first, the atomic exchange (a locked instruction) only when an offer waits; an
        // offer made between the two is adopted at the next cycle, as one made after the exchange would be
        if (pending.get() == null) {
            return current;
        }
        Swap swap = pending.getAndSet(null);
        if (swap == null) {
            return current;
        }
        StrategyComponents next = swap.next();
        try {
            handOff(current.features(), next.features());
            handOff(current.composer(), next.composer());
            handOff(current.gateway(), next.gateway());
            List<StrategyListener> was = current.listeners();
            List<StrategyListener> now = next.listeners();
            for (int i = 0; i < Math.min(was.size(), now.size()); i++) {
                handOff(was.get(i), now.get(i));
            }
        } catch (RuntimeException | LinkageError e) {
            // a plugin built against another API (LinkageError) must not take the strategy down either
            swap.done().completeExceptionally(e);
            return current;
        }
        swap.done().complete(sequence);
        return next;
    }

    private static void handOff(StrategyComponent old, StrategyComponent successor) {
        if (old == successor) {
            return;
        }
        Map<String, Object> state = old.snapshot();
        if (state != null && !state.isEmpty()) {
            successor.restore(state);
        }
    }

    private record Swap(StrategyComponents next, CompletableFuture<Long> done) {}
}
