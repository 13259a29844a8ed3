package dev.stratagem.runtime.script;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The version offered to a script component and not yet swapped in: at most one waits (a newer offer
 * supersedes and closes the older), taken by the strategy's thread at a cycle boundary. A taken version stays
 * this swap's until the component settles it ({@link #served} or {@link #refused}): a call of the swap that was
 * abandoned (see {@link ScriptSupervisor}) leaves it unsettled, and the next {@link #take} gives it back, so that
 * its waiter is always answered and its program never left open.
 */
final class ScriptSwap {

    /** A version waiting for the boundary, and who waits for it to serve. */
    record Pending(ScriptProgram program, CompletableFuture<Void> done) {}

    private final AtomicReference<Pending> pending = new AtomicReference<>();
    /**
     * Taken and not settled yet: between two boundaries, one whose swap a call of it cut short, or that the component
     * put off to the next boundary.
     */
    private volatile Pending swapping;
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

    /**
     * At a boundary, on the strategy's thread.
     *
     * @return the version whose swap a call cut short at an earlier boundary, else the offered one, or {@code null};
     *     cheap when there is none (two volatile reads)
     */
    Pending take() {
        Pending unsettled = swapping;
        if (unsettled != null) {
            return unsettled;
        }
        Pending offer = pending.get() == null ? null : pending.getAndSet(null);
        if (offer != null) {
            swapping = offer;
        }
        return offer;
    }

    /** The taken version serves: its waiter is told. */
    void served(Pending taken) {
        swapping = null;
        taken.done().complete(null);
    }

    /** The taken version will not serve: it is closed and its waiter told why. */
    void refused(Pending taken, ScriptFailure why) {
        swapping = null;
        taken.program().close();
        taken.done().completeExceptionally(why);
    }

    /**
     * The component closes: drops and closes a waiting version and one whose swap was cut short, telling their
     * waiters why, and closes every version offered later (a reload that was building when the strategy stopped).
     */
    void close(String why) {
        closed = why;
        Pending next = pending.getAndSet(null);
        if (next != null) {
            next.program().close();
            next.done().completeExceptionally(new ScriptFailure(why, false));
        }
        Pending unsettled = swapping;
        if (unsettled != null) {
            refused(unsettled, new ScriptFailure(why, false));
        }
    }
}
