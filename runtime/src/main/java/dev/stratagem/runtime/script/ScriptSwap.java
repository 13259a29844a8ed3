package dev.stratagem.runtime.script;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The version offered to a features or risk script and not yet swapped in: at most one (a newer offer
 * supersedes and closes the older), taken by the strategy's thread at a cycle boundary.
 */
final class ScriptSwap {

    /** A version waiting for the boundary, and who waits for it to serve. */
    record Pending(ScriptProgram program, CompletableFuture<Void> done) {}

    private final AtomicReference<Pending> pending = new AtomicReference<>();
    /** Why the component closed, or {@code null} while it serves. */
    private volatile String closed;

    CompletableFuture<Void> offer(ScriptProgram next) {
        if (closed != null) {
            next.close();
            return CompletableFuture.failedFuture(new ScriptFailure(closed, false));
        }
        Pending offer = new Pending(next, new CompletableFuture<>());
        Pending previous = pending.getAndSet(offer);
        if (previous != null) {
            previous.program().close();
            previous.done().completeExceptionally(new ScriptFailure("superseded by a newer version", false));
        }
        if (closed != null && pending.compareAndSet(offer, null)) {
            // the component closed while this was offered, after close() took what was pending
            next.close();
            offer.done().completeExceptionally(new ScriptFailure(closed, false));
        }
        return offer.done();
    }

    /** @return the offered version, or {@code null}; cheap when there is none (a plain volatile read) */
    Pending take() {
        return pending.get() == null ? null : pending.getAndSet(null);
    }

    /**
     * The component closes: drops and closes a waiting version, telling its waiter why, and closes every version
     * offered later (a reload that was building when the strategy stopped).
     */
    void close(String why) {
        closed = why;
        Pending next = pending.getAndSet(null);
        if (next != null) {
            next.program().close();
            next.done().completeExceptionally(new ScriptFailure(why, false));
        }
    }
}
