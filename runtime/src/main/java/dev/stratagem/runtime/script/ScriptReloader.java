package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * through the same build, replay and swap.
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
        this.script = script;
        this.swapWait = swapWait;
        this.builder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "script-reload-" + script.version().role() + "-" + script.id());
            t.setDaemon(true);
            return t;
        });
        ScriptProgram now = script.program();
        kept.add(new Kept(now.version, now.source));
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
        return CompletableFuture.supplyAsync(() -> buildAndValidate(trigger, null), builder);
    }

    /**
     * Goes back to a kept version through the same validated swap.
     *
     * @param sha256 the source prefix (or a prefix of it) to go back to, or {@code null} for the version that
     *     served before the current one
     * @return the outcome
     * @throws IllegalArgumentException if no such version is kept
     */
    public CompletableFuture<ReloadOutcome> rollback(String sha256) {
        Kept target;
        synchronized (kept) {
            String current = script.version().sha256();
            target = kept.stream().filter(k -> sha256 == null ? !k.version().sha256().equals(current)
                    : k.version().sha256().startsWith(sha256)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("script " + script.version().source() + " has no kept version "
                            + (sha256 == null ? "before " + current : "'" + sha256 + "'") + "; kept: " + kept()));
        }
        return CompletableFuture.supplyAsync(() -> buildAndValidate("ROLLBACK", target.source()), builder);
    }

    /** @return the kept versions, most recently live first, each {@code version-sha12} */
    public List<String> kept() {
        synchronized (kept) {
            return kept.stream().map(k -> k.version().version() + "-" + k.version().sha256()).toList();
        }
    }

    /** @return the component this reloads */
    ReloadableScript script() {
        return script;
    }

    private ReloadOutcome buildAndValidate(String trigger, byte[] source) {
        Attempt a = new Attempt(trigger, script.version());
        ScriptProgram next;
        try {
            next = script.recipe().build(source);
        } catch (ScriptException | ScriptFailure e) {
            a.build = a.lap();
            return refused(a, "", "", e.getMessage(), 0);
        }
        a.build = a.lap();
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
        CompletableFuture<Void> swapped = script.offer(next);
        String note = "";
        if (!swapWait.isZero()) {
            try {
                swapped.get(swapWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                note = "swap still pending (no cycle boundary since: a risk check swaps at its next order)";
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
        remember(offered, bytes);
        ReloadOutcome outcome = a.outcome(true, offered.version(), offered.sha256(), note, replayed);
        LOG.info("script {}: version {} built and validated against {} cycles in {} ms; {}", script.id(),
                offered.sha256(), replayed, outcome.buildNanos() / 1_000_000,
                swapWait.isZero() ? "it serves from the next cycle" : note.isEmpty() ? "swapped" : note);
        return outcome;
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
        return a.outcome(false, version, sha, reason, replayed);
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }

    /** One attempt's clocks. */
    private final class Attempt {
        final String trigger;
        final ComponentVersion old;
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

        ReloadOutcome outcome(boolean accepted, String version, String sha, String reason, int replayed) {
            return new ReloadOutcome(script.id(), old.source(), trigger, accepted, old.version(), old.sha256(),
                    version, sha, reason, replayed, build, validate, swap, System.nanoTime() - started);
        }
    }
}
