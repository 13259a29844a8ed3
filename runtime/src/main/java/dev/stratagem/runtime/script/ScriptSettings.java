package dev.stratagem.runtime.script;

import java.time.Duration;

/**
 * How scripts are run.
 *
 * @param budget the time one call may take before the watchdog interrupts it (default 50 ms)
 * @param maxConsecutiveFailures failures in a row after which the script is paused (default 3)
 * @param replayDepth how many recent cycle contexts a new version is validated against (default 20)
 * @param grace how long an interrupted call may ignore its interrupt before it is abandoned and its context
 *     discarded (default 5 s; see {@link ScriptSupervisor}); a call that has run its budget plus the grace in wall
 *     time is interrupted whatever its CPU time
 */
public record ScriptSettings(Duration budget, int maxConsecutiveFailures, int replayDepth, Duration grace) {

    /**
     * The defaults, overridable with {@code -Dstratagem.script.budgetMs}, {@code .maxFailures}, {@code .replay},
     * {@code .graceMs}.
     */
    public static final ScriptSettings DEFAULTS = new ScriptSettings(
            Duration.ofMillis(Long.getLong("stratagem.script.budgetMs", 50)),
            Integer.getInteger("stratagem.script.maxFailures", 3),
            Integer.getInteger("stratagem.script.replay", 20),
            Duration.ofMillis(Long.getLong("stratagem.script.graceMs", 5000)));

    /** Validates. */
    public ScriptSettings {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("script time budget must be positive, was " + budget);
        }
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("script grace must be positive, was " + grace);
        }
        if (maxConsecutiveFailures < 1 || replayDepth < 0) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be >= 1 and replayDepth >= 0");
        }
    }

    /** With the default grace. */
    public ScriptSettings(Duration budget, int maxConsecutiveFailures, int replayDepth) {
        this(budget, maxConsecutiveFailures, replayDepth, DEFAULTS.grace());
    }
}
