package dev.stratagem.runtime.history;

import java.util.List;
import java.util.Objects;

/**
 * One attempt to change the running version of a plugin, and how it ended.
 *
 * @param eventId unique, increasing
 * @param at when it ended, epoch milliseconds
 * @param pluginId the plugin (the jar's file name if its manifest could not be read)
 * @param trigger what started it: {@code START}, {@code WATCH} (a jar appeared or changed), {@code REMOVE},
 *     {@code ROLLBACK}, {@code RELOAD} (asked through the API)
 * @param jar the jar file it read
 * @param oldVersion the version running before, empty if none
 * @param oldSha256 the first 12 hex digits of that jar's SHA-256
 * @param newVersion the version offered, empty if unreadable
 * @param newSha256 the first 12 hex digits of the offered jar's SHA-256
 * @param outcome {@code SWAPPED}, {@code REFUSED}, {@code LOADED} (a new plugin no strategy runs yet), {@code PAUSED}
 *     or {@code UNCHANGED} (answered, never recorded)
 * @param reason why, in one line; for a refusal, exactly what failed
 * @param strategies the strategies it concerned
 * @param detectMicros from the file event to the start of loading (the debounce)
 * @param loadMicros zip and descriptor checks, copy to the version store, class loading and plugin start
 * @param validateMicros building the new components and replaying the recorded contexts
 * @param swapMicros from handing the components over to every strategy running them
 */
public record ReloadEvent(
        long eventId, long at, String pluginId, String trigger, String jar,
        String oldVersion, String oldSha256, String newVersion, String newSha256,
        String outcome, String reason, List<String> strategies,
        long detectMicros, long loadMicros, long validateMicros, long swapMicros) {

    /** Outcome: the new version runs. */
    public static final String SWAPPED = "SWAPPED";
    /** Outcome: the new version was refused; the old one keeps running. */
    public static final String REFUSED = "REFUSED";
    /** Outcome: a plugin no running strategy uses was loaded (or replaced). */
    public static final String LOADED = "LOADED";
    /** Outcome: the jar was removed; the strategies using it pause. */
    public static final String PAUSED = "PAUSED";
    /**
     * Outcome: what was offered is the version running (the same SHA-256): ignored, nothing rebuilt. The answer
     * to a reload or rollback asked for; never recorded.
     */
    public static final String UNCHANGED = "UNCHANGED";

    /** Validates and copies. */
    public ReloadEvent {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        strategies = List.copyOf(strategies);
    }
}
