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
     * context held in memory is gone.
     *
     * @param dead the version whose context was discarded
     * @return the rebuilt version, serving from now on
     * @throws ScriptFailure if it cannot be rebuilt (the dead version stays, and the next call tries again)
     */
    final ScriptProgram revive(ScriptProgram dead) {
        ScriptProgram fresh;
        try {
            fresh = dead.rebuilt();
        } catch (ScriptException | ScriptFailure e) {
            throw new ScriptFailure("script " + id() + " could not be rebuilt after a call of it was abandoned: "
                    + e.getMessage(), false);
        }
        dead.close();
        LOG.warn("script {}: version {} rebuilt in a new context after a call of it was abandoned; it starts without"
                + " the state its old context held", id(), fresh.sha256);
        return fresh;
    }

    /**
     * Hands over a validated version; it serves from the next cycle boundary on. Any thread.
     *
     * @param next the new version
     * @return completes when it serves, exceptionally if it was refused at the swap or superseded
     */
    abstract CompletableFuture<Void> offer(ScriptProgram next);

    /**
     * At the swap, on the strategy's thread: hands the old version's state ({@code save()}) to the new one
     * ({@code init}). A failing save starts the new version without state; a failing init refuses it: the new
     * version is closed and {@code done} fails with the reason.
     *
     * @return whether the new version takes over
     */
    final boolean handOver(ScriptProgram old, ScriptProgram next, CompletableFuture<Void> done) {
        String state = null;
        try {
            state = old.save();
        } catch (ScriptFailure e) {
            LOG.warn("script {}: save() of the old version failed, the new one starts without state: {}", id(),
                    e.getMessage());
        }
        try {
            next.init(state);
            return true;
        } catch (ScriptFailure e) {
            LOG.error("script {}: new version {} refused at swap, init failed: {}", id(), next.sha256, e.getMessage());
            next.close();
            done.completeExceptionally(e);
            return false;
        }
    }
}
