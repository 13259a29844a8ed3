package dev.stratagem.runtime.history;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.StrategyListener;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One strategy's last {@code capacity} composer inputs, in memory: filled once from the history database
 * when the strategy is put under hot reload, then appended to by every completed cycle (as a listener, on
 * the strategy's thread). A reload replays from here, so its validation reads nothing from H2 and parses no
 * JSON. Thread-safe: the strategy appends, the reload thread copies.
 */
public final class RecentContextsBuffer implements StrategyListener {

    private final int capacity;
    private final ArrayDeque<ComposeContext> ring;
    private final java.util.concurrent.CompletableFuture<Void> full = new java.util.concurrent.CompletableFuture<>();

    /**
     * @param capacity the most contexts kept (N)
     * @param recorded the contexts already recorded, oldest first (the newest {@code capacity} are kept)
     */
    public RecentContextsBuffer(int capacity, List<ComposeContext> recorded) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.max(1, capacity));
        recorded.forEach(this::add);
    }

    @Override
    public String id() {
        return "recent-contexts";
    }

    @Override
    public void onCycleResult(CycleRecord cycle) {
        // the same cycles RecentContexts#last returns from H2: past warmup, and reached the decision step
        if (cycle.status() != CycleStatus.WARMUP && cycle.context() != null) {
            add(cycle.context());
        }
    }

    private synchronized void add(ComposeContext context) {
        if (capacity == 0) {
            return;
        }
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(context);
        if (ring.size() == capacity && !full.isDone()) {
            full.complete(null);
        }
    }

    /** @return completes (once) when the buffer first holds {@code capacity} contexts */
    public java.util.concurrent.CompletableFuture<Void> whenFull() {
        if (capacity == 0) {
            full.complete(null);
        }
        return full;
    }

    /** @return the kept contexts, oldest first (a copy) */
    public synchronized List<ComposeContext> last() {
        return List.copyOf(ring);
    }

    /** @return how many contexts are kept */
    public synchronized int size() {
        return ring.size();
    }
}
