package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.runtime.history.ReloadEvent;
import dev.stratagem.runtime.plugin.reload.VersionIds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a script component (composer, features pipeline or risk check) from its folder: builds the new
 * version in a fresh context off the strategy's thread, validates it like a plugin by replaying what the
 * component recently saw through it (see each role's {@code validate}: recorded cycle contexts, bars,
 * orders), and offers it to the component, which swaps it in at the next cycle boundary. A version that
 * fails is refused with the reason, and the old one keeps running.
 *
 * <p>Rollback: the sources of the last {@link #KEEP} versions that served are kept <em>in memory</em> (they
 * are lost with the process; the file on disk is not rewritten), and {@link #rollback} offers one of them
 * through the same build, replay and swap. A version is kept once it has swapped in, not when it is offered.
 *
 * <p>An attempt that would build the version serving (a save that changed nothing, a rollback to the version
 * serving) builds nothing and is {@code UNCHANGED}: the script keeps its context and its state. While a version
 * offered by an earlier attempt has not swapped in or been refused yet, every attempt builds.
 *
 * <p>An attempt that returns before the swap (no wait, or the wait ran out) reports it later: when the
 * strategy swaps the version in or refuses it (its {@code init} or catch-up failed, a newer version
 * superseded it), the {@code settled} listener gets a second outcome, accepted or refused.
 */
public final class ScriptReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptReloader.class);
    /** How many served versions' sources are kept for rollback. */
    static final int KEEP = 5;

    private final ReloadableScript script;
    private final Duration swapWait;
    private final ExecutorService builder;
    /** Versions that served, most recently live first; the first is the one serving. */
    private final Deque<Kept> kept = new ArrayDeque<>();
    private final Consumer<ReloadOutcome> settled;
    /**
     * The swap of the last version offered (attempts only, one at a time): until it ends, the serving one may
     * change.
     */
    private CompletableFuture<Void> lastSwap = CompletableFuture.completedFuture(null);

    /** @param composer the script composer to reload; an accepted version is not awaited */
    public ScriptReloader(ScriptComposer composer) {
        this(composer, Duration.ZERO);
    }

    /**
     * @param composer the script composer to reload
     * @param swapWait how long an attempt waits for the strategy to swap the new version in (its next
     *     cycle); zero to return as soon as it is offered
     */
    public ScriptReloader(ScriptComposer composer, Duration swapWait) {
        this((ReloadableScript) composer, swapWait);
    }

    /**
     * @param script the script component (composer, features pipeline or risk check) to reload
     * @param swapWait how long an attempt waits for the strategy to swap the new version in
     */
    ScriptReloader(ReloadableScript script, Duration swapWait) {
        this(script, swapWait, o -> {}, List.of());
    }

    /**
     * @param script the script component to reload
     * @param swapWait how long an attempt waits for the strategy to swap the new version in
     * @param settled told, off the strategy's thread, how an attempt that returned before its swap ended
     * @param earlier versions kept by the reloader of a component instance this one replaced, most recent
     *     first (the serving version goes first whatever they say)
     */
    ScriptReloader(ReloadableScript script, Duration swapWait, Consumer<ReloadOutcome> settled, List<Kept> earlier) {
        this.script = script;
        this.swapWait = swapWait;
        this.settled = settled;
        this.builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "script-reload-" + script.version().role() + "-" + script.id());
            t.setDaemon(true);
            return t;
        });
        ScriptProgram now = script.program();
        kept.add(new Kept(now.version, now.source));
        for (Kept k : earlier) {
            if (kept.size() < KEEP && kept.stream().noneMatch(m -> Arrays.equals(m.source(), k.source()))) {
                kept.addLast(k);
            }
        }
    }

    /** @return the kept versions with their sources, most recently live first */
    List<Kept> keptVersions() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    /** A version that served: what it recorded and its source. */
    record Kept(ComponentVersion version, byte[] source) {}

    /**
     * Builds and validates the script as it is on disk now, off the caller's thread.
     *
     * @return the outcome; an accepted version serves from the component's next cycle
     */
    public CompletableFuture<ReloadOutcome> reload() {
        return reload("WATCH");
    }

    /**
     * @param trigger recorded with the outcome ({@code WATCH}, {@code RELOAD})
     * @return the outcome of building the file as it is now
     */
    public CompletableFuture<ReloadOutcome> reload(String trigger) {
        return CompletableFuture.supplyAsync(() -> attempt(trigger, null), builder);
    }

    /**
     * Goes back to a kept version through the same validated swap.
     *
     * @param to the version to go back to: an id as {@link #kept} lists it, a version only one kept source has,
     *     or a prefix of one's SHA-256 (see {@link VersionIds#pick}); {@code null} for the version that served
     *     before the current one
     * @return the outcome
     * @throws VersionIds.Ambiguous if {@code to} fits several kept versions
     * @throws IllegalArgumentException if no such version is kept
     */
    public CompletableFuture<ReloadOutcome> rollback(String to) {
        Kept target;
        synchronized (kept) {
            String current = script.version().sha256();
            if (to == null) {
                target = kept.stream().filter(k -> !k.version().sha256().equals(current)).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("script " + script.version().source()
                                + " has no kept version before " + current + "; kept: " + kept()));
            } else {
                target = List.copyOf(kept).get(VersionIds.pick(kept(), to, "kept", "script "
                        + script.version().source()));
            }
        }
        return CompletableFuture.supplyAsync(() -> attempt("ROLLBACK", target.source()), builder);
    }

    /** @return the kept versions, most recently live first, each its {@link VersionIds id} */
    public List<String> kept() {
        synchronized (kept) {
            return kept.stream().map(k -> VersionIds.of(k.version().version(), k.version().sha256())).toList();
        }
    }

    /** @return the component this reloads */
    ReloadableScript script() {
        return script;
    }

    /**
     * One attempt, on a supervisor's thread of its own: a build or validation call that cannot be stopped is
     * abandoned, the attempt refused with the reason, and the builder thread stays free for the next attempt.
     */
    private ReloadOutcome attempt(String trigger, byte[] source) {
        Attempt a = new Attempt(trigger, script.version());
        try (ScriptSupervisor attempt = new ScriptSupervisor("reload-" + script.id())) {
            return attempt.call(() -> buildAndValidate(a, source), abandoned -> {
                ScriptProgram next = a.next;
                if (next == null) {
                    a.build = a.lap();
                    return refused(a, "", "", abandoned.getMessage(), 0);
                }
                script.dropped(next);
                a.validate = a.lap();
                return refused(a, next.version.version(), next.sha256, abandoned.getMessage(), 0);
            });
        }
    }

    private ReloadOutcome buildAndValidate(Attempt a, byte[] source) {
        if (lastSwap.isDone() && script.serves(source)) {
            LOG.debug("script {}: {} is the version serving: ignored", script.id(), a.old.sha256());
            return a.outcome(ReloadEvent.UNCHANGED, a.old.version(), a.old.sha256(),
                    "same SHA-256 and manifest as the running version: ignored", 0);
        }
        ScriptProgram next;
        try {
            next = script.build(source);
        } catch (ScriptException | ScriptFailure e) {
            a.build = a.lap();
            return refused(a, "", "", e.getMessage(), 0);
        }
        a.build = a.lap();
        a.next = next;
        int replayed;
        try {
            replayed = script.validate(next);
        } catch (RuntimeException e) {
            next.close();
            a.validate = a.lap();
            String why = e instanceof ScriptFailure || e instanceof ScriptException ? e.getMessage()
                    : "validation failed: " + e;
            return refused(a, next.version.version(), next.sha256, why, 0);
        }
        a.validate = a.lap();
        ComponentVersion offered = next.version;
        byte[] bytes = next.source;
        // kept only once it served: a version refused at the swap must not be what a rollback goes back to
        CompletableFuture<Void> swapped = script.offer(next).thenRun(() -> remember(offered, bytes));
        lastSwap = swapped;
        String note = "";
        boolean pending = true;
        if (!swapWait.isZero()) {
            try {
                swapped.get(swapWait.toMillis(), TimeUnit.MILLISECONDS);
                pending = false;
            } catch (TimeoutException e) {
                note = "swap still pending (no cycle boundary since: a risk check swaps at its next order); its"
                        + " outcome is reported when it swaps in or is refused";
            } catch (ExecutionException e) {
                a.swap = a.lap();
                return refused(a, offered.version(), offered.sha256(), "refused at the swap: "
                        + e.getCause().getMessage(), replayed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                note = "interrupted while waiting for the swap";
            }
            a.swap = a.lap();
        }
        if (pending) {
            int count = replayed;
            swapped.whenCompleteAsync((ok, failed) -> settle(a, offered, count, failed), this::later);
        }
        ReloadOutcome outcome = a.outcome(pending ? ScriptHotReload.PENDING : ReloadEvent.SWAPPED, offered.version(),
                offered.sha256(), note, replayed);
        LOG.info("script {}: version {} built and validated against {} cycles in {} ms; {}", script.id(),
                offered.sha256(), replayed, outcome.buildNanos() / 1_000_000,
                swapWait.isZero() ? "it serves from the next cycle" : note.isEmpty() ? "swapped" : note);
        return outcome;
    }

    /** Reports how a swap that was still pending when its attempt returned ended. */
    private void settle(Attempt a, ComponentVersion offered, int replayed, Throwable failed) {
        a.swap = a.lap();
        ReloadOutcome late;
        if (failed == null) {
            LOG.info("script {}: version {} swapped in", script.id(), offered.sha256());
            late = a.outcome(ReloadEvent.SWAPPED, offered.version(), offered.sha256(),
                    "swapped in after the attempt returned", replayed);
        } else {
            Throwable why = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause()
                    : failed;
            late = refused(a, offered.version(), offered.sha256(), "refused at the swap: " + why.getMessage(),
                    replayed);
        }
        try {
            settled.accept(late);
        } catch (RuntimeException e) {
            LOG.error("script {}: recording the outcome of the swap of {} failed: {}", script.id(), offered.sha256(),
                    e.toString());
        }
    }

    /** Runs a late report on the builder thread (never the strategy's); dropped once this reloader closed. */
    private void later(Runnable task) {
        try {
            builder.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("script {}: reloader closed, a late swap outcome is not reported", script.id());
        }
    }

    private void remember(ComponentVersion version, byte[] source) {
        synchronized (kept) {
            kept.removeIf(k -> Arrays.equals(k.source(), source));
            kept.addFirst(new Kept(version, source));
            while (kept.size() > KEEP) {
                kept.removeLast();
            }
        }
    }

    private ReloadOutcome refused(Attempt a, String version, String sha, String reason, int replayed) {
        LOG.warn("script {}: new version refused, {} keeps running: {}", script.id(), a.old.sha256(), reason);
        return a.outcome(ReloadEvent.REFUSED, version, sha, reason, replayed);
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }

    /**
     * Takes no new attempt; those already queued still run and complete their futures (a version one of them
     * offers to a script closed meanwhile is closed and refused), so nobody waits on an attempt dropped unrun.
     */
    void retire() {
        builder.shutdown();
    }

    /** One attempt's clocks, and the version it built. */
    private final class Attempt {
        final String trigger;
        final ComponentVersion old;
        volatile ScriptProgram next;
        final long started = System.nanoTime();
        long mark = started;
        long build;
        long validate;
        long swap;

        Attempt(String trigger, ComponentVersion old) {
            this.trigger = trigger;
            this.old = old;
        }

        long lap() {
            long now = System.nanoTime();
            long micros = (now - mark) / 1_000;
            mark = now;
            return micros;
        }

        ReloadOutcome outcome(String outcome, String version, String sha, String reason, int replayed) {
            return new ReloadOutcome(script.id(), old.source(), trigger, outcome, old.version(), old.sha256(),
                    version, sha, reason, replayed, build, validate, swap, System.nanoTime() - started);
        }
    }
}
