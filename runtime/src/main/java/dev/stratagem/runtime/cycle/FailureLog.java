package dev.stratagem.runtime.cycle;

import dev.stratagem.api.CycleStep;
import org.slf4j.Logger;

/**
 * Logs one strategy's failed cycles: a failure at WARN the first time, and the same failure again (same step, same
 * reason) only every {@link #REMIND_EVERY} cycles and once when it stops. A paused script fails every bar the same
 * way until it is fixed; each of those cycles is still recorded with its reason, but a line a bar buried the log
 * (5,021 lines for a 5,036-bar backtest). Not thread-safe: the coordinator's thread.
 */
final class FailureLog {

    /** How many identical failures in a row between two reminders. */
    static final int REMIND_EVERY = 1_000;

    private final Logger log;
    private final String strategyId;
    /** The failure being repeated ({@code step + '\0' + reason}), or {@code null} after a cycle that did not fail. */
    private String repeating;
    private String firstId;
    private String lastId;
    /** Identical failures after the first: those since the last line are {@code repeats % REMIND_EVERY}. */
    private long repeats;

    FailureLog(Logger log, String strategyId) {
        this.log = log;
        this.strategyId = strategyId;
    }

    void failed(String composeId, CycleStep step, String reason) {
        String key = step + "\0" + reason;
        if (key.equals(repeating)) {
            repeats++;
            lastId = composeId;
            if (repeats % REMIND_EVERY == 0) {
                log.warn("cycle {} of {} failed in {} as every cycle has since {} ({} in a row): {}", composeId,
                        strategyId, step, firstId, repeats + 1, reason);
            }
            return;
        }
        stopped();
        repeating = key;
        firstId = composeId;
        lastId = composeId;
        repeats = 0;
        log.warn("cycle {} of {} failed in {}: {}", composeId, strategyId, step, reason);
    }

    /** A cycle that did not fail: says how many failed the same way since the last line, if any did. */
    void stopped() {
        if (repeating == null) {
            return;
        }
        long unlogged = repeats % REMIND_EVERY;
        if (unlogged > 0) {
            log.warn("{} more cycle(s) of {} failed the same way, the last {} ({} in a row since {})", unlogged,
                    strategyId, lastId, repeats + 1, firstId);
        }
        repeating = null;
    }
}
