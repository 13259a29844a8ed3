package dev.stratagem.api;

import java.util.Locale;

/**
 * How a strategy's run trades: on recorded history, on simulated fills in real time, or with real money.
 * A component reads it from {@link ComposeContext#mode()} to behave differently where it must (an LLM
 * composer replays recorded answers in a backtest instead of calling the model).
 */
public enum RunMode {
    /** A replay of historical bars as fast as possible; deterministic, no external calls expected. */
    BACKTEST,
    /** Simulated fills against a live or replayed feed in real time. */
    PAPER,
    /** Real orders on an exchange gateway. */
    LIVE;

    /**
     * @param name {@code backtest}, {@code paper} or {@code live} (any case), as in {@link StrategyInfo#mode()}
     * @return the mode
     * @throws IllegalArgumentException naming the value if it is none of them
     */
    public static RunMode of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("run mode must be backtest, paper or live, was '" + name + "'");
        }
    }
}
