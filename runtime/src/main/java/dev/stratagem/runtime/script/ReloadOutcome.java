package dev.stratagem.runtime.script;

import dev.stratagem.runtime.history.ReloadEvent;

/**
 * The result of one attempt to reload (or roll back) a script: built and validated (it serves from the next
 * cycle on), refused with the reason (the old version keeps running), or unchanged (what it would build is the
 * version serving: nothing was built).
 *
 * @param scriptId the script id
 * @param source {@code script:<folder>}, what cycles record as the component's source
 * @param trigger {@code WATCH} (the file was saved), {@code RELOAD} or {@code ROLLBACK} (asked for)
 * @param outcome as a reload event records it: {@link ReloadEvent#SWAPPED}, {@link ScriptHotReload#PENDING}
 *     (accepted, and the attempt returned before the strategy swapped it in: no wait, or the wait ran out; it
 *     may still be refused at the swap, which the reloader reports later), {@link ReloadEvent#REFUSED} or
 *     {@link ReloadEvent#UNCHANGED}
 * @param oldVersion the manifest version serving before
 * @param oldSha256 the source prefix of the version serving before
 * @param newVersion the manifest version offered, empty if the manifest could not be read
 * @param newSha256 the source prefix of the new version, empty if it could not be built
 * @param reason why it was refused (a syntax error names file, line and column) or ignored, empty if accepted
 * @param replayed how many recorded cycle contexts the new version was validated against
 * @param buildMicros reading and evaluating the source in a fresh context, and its {@code init}
 * @param validateMicros replaying the recorded contexts
 * @param swapMicros from offering it to the strategy to its first cycle (0 if not awaited)
 * @param buildNanos the whole attempt
 */
public record ReloadOutcome(String scriptId, String source, String trigger, String outcome, String oldVersion,
        String oldSha256, String newVersion, String newSha256, String reason, int replayed, long buildMicros,
        long validateMicros, long swapMicros, long buildNanos) {

    /**
     * @return whether the new version was handed to the strategy (and, when the reloader waits for the swap,
     *     was swapped in)
     */
    public boolean accepted() {
        return ReloadEvent.SWAPPED.equals(outcome) || pending();
    }

    /** @return whether the accepted version was not swapped in yet when the attempt returned */
    public boolean pending() {
        return ScriptHotReload.PENDING.equals(outcome);
    }
}
