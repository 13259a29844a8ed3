package dev.stratagem.runtime.script;

import dev.stratagem.api.ComponentVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A script component of a running strategy that takes new versions: the {@link ScriptReloader} builds one
 * off the strategy's thread, asks the component to {@link #validate} it against what it saw recently, and
 * {@link #offer offers} it; the component swaps it in at its next cycle boundary, on the strategy's thread.
 */
abstract sealed class ReloadableScript permits ScriptComposer, ScriptFeatures, ScriptRiskCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReloadableScript.class);

    /** The version offered and not swapped in yet. */
    final ScriptSwap swap = new ScriptSwap();
    /**
     * The dead version being rebuilt: still set at the next call if the rebuild never came back (loading its source or
     * its {@code init} could not be stopped, and its cycle was abandoned with it). Volatile: that next call runs on
     * another thread.
     */
    private volatile ScriptProgram rebuilding;

    /** @return the script id (the manifest's) */
    abstract String id();

    /** @return the version serving now */
    abstract ComponentVersion version();

    /** @return how to rebuild the component from its folder */
    abstract ScriptRecipe recipe();

    /**
     * Builds a new version in a fresh context, off the strategy's thread.
     *
     * @param source the source to build instead of the entry file on disk, or {@code null}
     */
    final ScriptProgram build(byte[] source) {
        return recipe().build(source, resolvedAgainst());
    }

    /** @return the names a new version's {@code api.feature} resolves against (those of the recipe by default) */
    List<String> resolvedAgainst() {
        return recipe().featureNames();
    }

    /**
     * Whether a build now would give the version serving: the same source (so the same SHA-256), the same
     * manifest (new outputs or parameter defaults make a new version of the same source) and the same names to
     * resolve features against. A paused component is never served as is: a rebuild is what resumes it.
     *
     * @param source the source a rollback goes back to, or {@code null} for the entry file on disk
     * @return false too if the folder cannot be read (the build then says why)
     */
    final boolean serves(byte[] source) {
        ScriptProgram now = program();
        try {
            ScriptManifest manifest = ScriptManifest.load(recipe().folder());
            byte[] bytes = source != null ? source : Files.readAllBytes(manifest.entry());
            return !status().paused() && Arrays.equals(bytes, now.source) && manifest.equals(now.manifest)
                    && resolvedAgainst().equals(now.api.featureNames());
        } catch (ScriptException | IOException e) {
            return false;
        }
    }

    /** @return the program serving now (its source is what a rollback goes back to) */
    abstract ScriptProgram program();

    /** @return the current status (any thread) */
    abstract ScriptStatus status();

    /** @return its failures in a row, its pause and its status (see {@link ScriptHealth}) */
    abstract ScriptHealth health();

    /** A call of one version of the script. */
    @FunctionalInterface
    interface Call<T> {
        T run(ScriptProgram p);
    }

    /**
     * Runs a call of the serving version on the strategy's thread ({@link #callable} picks it), and counts how it
     * ended ({@link ScriptHealth}).
     *
     * @param call the call
     * @param counted whether a failure counts toward the pause (a risk check counts one a cycle)
     * @return what the call returned
     * @throws ScriptFailure if it failed, or if the component is paused
     */
    final <T> T call(Call<T> call, boolean counted) {
        ScriptProgram p = callable(program());
        ScriptHealth health = health();
        try {
            T result = call.run(p);
            health.succeeded(p);
            return result;
        } catch (ScriptFailure e) {
            if (counted) {
                health.failed(p, e);
            }
            throw e;
        }
    }

    /**
     * Before a call: the version to call. A version whose call was abandoned counts that failure now, once (its cycle
     * ended without coming back here: {@link ScriptHealth#abandoned}), and is {@link #revive rebuilt}, unless the
     * failure pauses the component; the rebuilt version serves from now on ({@link #adopt}). A rebuild that never came
     * back (loading its source or its {@code init} left running) counts at the next call as well, as a call left
     * running. A paused component runs no script: the call fails fast with the reason.
     *
     * @param p the version serving
     * @return {@code p}, or its rebuilt version
     * @throws ScriptFailure if the component is paused, or if the dead version cannot be rebuilt now (a failure that
     *     counts; it stays dead, and the next call tries again)
     */
    private ScriptProgram callable(ScriptProgram p) {
        ScriptHealth health = health();
        boolean dead = p.abandoned() || p.exhausted();   // an exhausted call counted as the failure it threw
        if (p.abandoned() && !health.paused()) {
            health.abandoned(p, p.abandonment());
        }
        ScriptProgram stuckRebuild = rebuilding;
        rebuilding = null;
        if (stuckRebuild == p && !health.paused()) {   // not if a new version swapped in since
            health.leftRunning(p, new ScriptFailure("script " + id() + " could not be rebuilt after a call of it was"
                    + " abandoned: the rebuild was left running too (loading the source or init() could not be"
                    + " stopped)", false));
        }
        if (health.paused()) {
            throw health.pausedFailure();
        }
        if (!dead) {
            return p;
        }
        ScriptProgram fresh;
        rebuilding = p;
        try {
            fresh = revive(p);
        } catch (ScriptFailure e) {
            health.failed(p, e);
            throw e;
        } finally {
            rebuilding = null;   // not reached if the rebuild's thread was left behind
        }
        adopt(fresh);
        return fresh;
    }

    /**
     * On the strategy's thread: a version serves from now on, rebuilt after an abandoned call or (but for a features
     * script, which swaps in its own way) swapped in.
     */
    abstract void adopt(ScriptProgram version);

    /**
     * Replays what the component saw recently through a built new version. Any thread but the strategy's.
     *
     * @param next the new version, built in a fresh context
     * @return how many recorded inputs it was validated against
     * @throws ScriptFailure with the reason it must not serve
     */
    abstract int validate(ScriptProgram next);

    /**
     * A built version the reloader drops before offering it (its validation was abandoned). Any thread.
     *
     * @param next the version
     */
    void dropped(ScriptProgram next) {
        next.close();
    }

    /**
     * On the strategy's thread, at a call: a version whose call was abandoned (it ignored its interrupt past the grace,
     * see {@link ScriptSupervisor}) is rebuilt in a fresh context from the same source, manifest, parameters and
     * feature names, so it records the same version. Its {@code init} runs again, without state: what the lost
     * context held in memory is gone (a features script's rolling state is primed again from the kept bars, see
     * {@link ScriptFeatures}).
     *
     * @param dead the version whose context was discarded
     * @return the rebuilt version, serving from now on
     * @throws ScriptFailure if it cannot be rebuilt (the dead version stays, and the next call tries again)
     */
    private ScriptProgram revive(ScriptProgram dead) {
        ScriptProgram fresh;
        try {
            fresh = dead.rebuilt();
        } catch (ScriptException | ScriptFailure e) {
            throw new ScriptFailure("script " + id() + " could not be rebuilt after a call of it was abandoned: "
                    + e.getMessage(), false);
        }
        dead.close();
        LOG.warn("script {}: version {} rebuilt in a new context after a call of it was {}; it starts without"
                + " the state its old context held{}", id(), fresh.sha256,
                dead.exhausted() ? "out of memory or stack" : "abandoned",
                this instanceof ScriptFeatures ? " (the kept bars are fed to it first)" : "");
        return fresh;
    }

    /**
     * Hands over a validated version; it serves from the next cycle boundary on. Any thread.
     *
     * @param next the new version (see {@link ScriptReloader})
     * @return completes when it serves, exceptionally if it was refused at the swap (its {@code init} or catch-up
     *     failed or was abandoned: the old version keeps running), superseded by a newer offer, or the component closed
     */
    CompletableFuture<Void> offer(ScriptProgram next) {
        return swap.offer(next);
    }

    /**
     * At a cycle boundary, on the strategy's thread: the version to swap in now, if one was offered. A swap that one
     * of its calls cut short at an earlier boundary (it could not be stopped and was abandoned, and that cycle failed
     * with the reason) comes back here and is settled now. If the new version's own call was abandoned ({@code init},
     * or a features version's catch-up), it is refused with that reason, and the version serving stays. If the old
     * version's {@code save()} was, the swap goes on: the new version starts without state, as after a failing save.
     *
     * @return the version to swap in (after a refused one, the version offered since, if any), {@code null} if none
     */
    final ScriptSwap.Pending takeOffer() {
        ScriptSwap.Pending offer = swap.take();
        if (offer == null || !offer.program().abandoned()) {
            return offer;
        }
        ScriptProgram next = offer.program();
        ScriptFailure why = new ScriptFailure(next.abandonment().stuck() + "; the new version " + next.sha256
                + " is dropped and " + program().sha256 + " keeps serving", false);
        LOG.error("script {}: new version {} refused at swap: {}", id(), next.sha256, why.getMessage());
        swap.refused(offer, why);
        return takeOffer();   // a newer version offered meanwhile swaps in now
    }

    /**
     * At the swap, on the strategy's thread, once the component serves the taken version: the failure counts start
     * again (a paused component resumes), the old version is closed and the offer's waiter told.
     */
    final void served(ScriptSwap.Pending offer, ScriptProgram old) {
        ScriptProgram next = offer.program();
        health().swapped(next);
        LOG.info("script {} ({}): version {} replaced {}", id(), next.role.recorded(), next.sha256, old.sha256);
        old.close();
        swap.served(offer);
    }

    /**
     * At a cycle boundary, on the strategy's thread, for a composer or a risk script: swaps in the version offered, if
     * any, with the serving one's state ({@link #handOver}). A features script catches its new version up instead.
     */
    final void swapInWithState() {
        ScriptSwap.Pending offer = takeOffer();
        if (offer == null) {
            return;
        }
        ScriptProgram old = program();
        if (handOver(old, offer)) {
            adopt(offer.program());
            served(offer, old);
        }
    }

    /**
     * At the swap, on the strategy's thread: hands the old version's state ({@code save()}) to the new one
     * ({@code init}). A failing save, or an old version whose context is gone (a call of it was abandoned, its
     * {@code save()} at an earlier try of this swap say), starts the new version without state; a failing init
     * refuses it: the new version is closed and the offer's waiter told the reason.
     *
     * @return whether the new version takes over (the caller then {@link ScriptSwap#served settles} the offer)
     */
    private boolean handOver(ScriptProgram old, ScriptSwap.Pending offer) {
        ScriptProgram next = offer.program();
        String state = null;
        if (old.abandoned() || old.exhausted()) {
            LOG.warn("script {}: the old version hands over no state, {}; the new one starts without state", id(),
                    old.exhausted() ? "a call of it ran out of memory or stack (its context is closed)"
                            : "a call of it was abandoned (" + old.abandonment().stuck() + ")");
        } else {
            try {
                state = old.save();
            } catch (RuntimeException e) {   // not only a ScriptFailure: the swap must not be tried again for ever
                LOG.warn("script {}: save() of the old version failed, the new one starts without state: {}", id(),
                        e.getMessage());
            }
        }
        try {
            next.init(state);
            return true;
        } catch (RuntimeException e) {
            ScriptFailure why = failure(e);
            LOG.error("script {}: new version {} refused at swap, init failed: {}", id(), next.sha256, why.getMessage());
            swap.refused(offer, why);
            return false;
        }
    }

    /** @return a failure at the swap as the reload reports it: a script's own, or any other exception named */
    static ScriptFailure failure(RuntimeException e) {
        return e instanceof ScriptFailure f ? f : new ScriptFailure(e.toString(), false);
    }
}
