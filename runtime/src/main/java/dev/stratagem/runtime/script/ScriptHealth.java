package dev.stratagem.runtime.script;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A script component's failed calls in a row and the {@link ScriptStatus} it reports. After
 * {@link ScriptSettings#maxConsecutiveFailures()} of them the component is paused: every call fails fast with the
 * reason and runs no script, so a script that gets stuck on every bar stops leaving a thread behind on each (a call
 * abandoned because it could not be stopped counts as one failure). A call that succeeds ends the run of failures;
 * a new version swapped in (a reload) resumes a paused component. Calls abandoned are also counted apart, and a
 * success does not reset that count: each leaves a thread behind for good, so a script stuck on some bars only, with
 * successes in between, is paused after as many as well. Counted on the strategy's thread; the status is read from
 * any.
 */
final class ScriptHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptHealth.class);

    private final int maxFailures;
    private int failures;
    /** Calls of the versions since the last swap that were abandoned: never reset by a success. */
    private int leftBehind;
    /** The last version whose abandoned call was counted: a dead version is counted once, however often it is met. */
    private ScriptProgram countedDead;
    private int reloads;
    private volatile ScriptStatus status;

    /**
     * @param first the version serving first
     * @param maxFailures failures in a row that pause the component
     */
    ScriptHealth(ScriptProgram first, int maxFailures) {
        this.maxFailures = maxFailures;
        this.status = new ScriptStatus(first.manifest.id(), first.sha256, false, 0, 0, "", 0);
    }

    /** @return the status (any thread) */
    ScriptStatus status() {
        return status;
    }

    /** @return whether the component is paused: its calls must not run */
    boolean paused() {
        return failures >= maxFailures || leftBehind >= maxFailures;
    }

    /** @return what a call of the paused component fails with */
    ScriptFailure pausedFailure() {
        ScriptStatus s = status;
        return new ScriptFailure("script " + s.scriptId() + " is paused after " + s.pausedAfter(maxFailures)
                + " (last: " + s.lastError() + "); save a fixed version to resume", false);
    }

    /** @return what paused the component, as {@link ScriptStatus#pausedAfter} says it */
    String pausedAfter() {
        return status.pausedAfter(maxFailures);
    }

    /** Counts a failed call of {@code p}; pauses the component after too many in a row. */
    void failed(ScriptProgram p, ScriptFailure e) {
        failures++;
        boolean pause = paused();
        status = new ScriptStatus(p.manifest.id(), p.sha256, pause, failures, leftBehind, e.getMessage(), reloads);
        if (pause) {
            LOG.error("script {} ({}) PAUSED after {} consecutive failures and {} calls left running; last: {}",
                    p.manifest.id(), p.role.recorded(), failures, leftBehind, e.getMessage());
        }
    }

    /** Counts a call of {@code p} that was abandoned, once per version: a failure, and a thread left behind. */
    void abandoned(ScriptProgram p, ScriptFailure e) {
        if (p == countedDead) {
            return;
        }
        countedDead = p;
        leftRunning(p, e);
    }

    /** Counts a call that was abandoned, such as the {@code init} of a rebuild of {@code p}: a failure, a thread left. */
    void leftRunning(ScriptProgram p, ScriptFailure e) {
        leftBehind++;
        failed(p, e);
    }

    /** A call of {@code p} succeeded: the run of failures, if any, ends (a plain read when there is none). */
    void succeeded(ScriptProgram p) {
        if (failures > 0) {
            failures = 0;
            status = new ScriptStatus(p.manifest.id(), p.sha256, false, 0, leftBehind, status.lastError(), reloads);
        }
    }

    /** A new version serves: the count starts again, and a paused component resumes. */
    void swapped(ScriptProgram next) {
        failures = 0;
        leftBehind = 0;
        reloads++;
        status = new ScriptStatus(next.manifest.id(), next.sha256, false, 0, 0, "", reloads);
    }
}
