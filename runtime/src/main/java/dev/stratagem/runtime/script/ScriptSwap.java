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

    CompletableFuture<Void> offer(ScriptProgram next) {
        Pending offer = new Pending(next, new CompletableFuture<>());
        Pending previous = pending.getAndSet(offer);
        if (previous != null) {
            previous.program().close();
            previous.done().completeExceptionally(new ScriptFailure("superseded by a newer version", false));
        }
        return offer.done();
    }

    /** @return the offered version, or {@code null}; cheap when there is none (a plain volatile read) */
    Pending take() {
        return pending.get() == null ? null : pending.getAndSet(null);
    }

    /** Drops and closes a waiting version, telling its waiter why. */
    void cancel(String why) {
        Pending next = pending.getAndSet(null);
        if (next != null) {
            next.program().close();
            next.done().completeExceptionally(new ScriptFailure(why, false));
        }
    }
}
