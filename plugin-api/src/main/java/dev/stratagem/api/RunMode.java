package dev.stratagem.api;

import java.util.Locale;

/**
 * How a strategy's run trades: on recorded history, on simulated fills in real time, or with real money;
 * and {@link #REPLAY} for a context the runtime hands a composer again after it was already decided. A
 * component reads it from {@link ComposeContext#mode()} to behave differently where it must (an LLM
 * composer replays recorded answers in a backtest instead of calling the model). A run is always
 * {@code BACKTEST}, {@code PAPER} or {@code LIVE}; only single contexts are {@code REPLAY}.
 */
public enum RunMode {
    /** A replay of historical bars as fast as possible; deterministic, no external calls expected. */
    BACKTEST,
    /** Simulated fills against a live or replayed feed in real time. */
    PAPER,
    /** Real orders on an exchange gateway. */
    LIVE,
    /**
     * Not a run's mode: the runtime re-runs a context that was already decided, in a run of any of the other
     * modes. It does so when it resumes an interrupted run (the bars the earlier process already decided
     * are fed again so a component's memory catches up) and when it validates a hot-reloaded version, or
     * warms up that path, by replaying a strategy's recent recorded contexts through a fresh instance. The
     * result is never traded and never recorded as a cycle. A composer must not call external services
     * (a model, a web API) for such a context: it answers from its own recording if it has one, and
     * otherwise decides without the service (a NOOP is a fine answer). Pure logic (indicators, rules,
     * stop-loss checks) runs as in any cycle. The context keeps its original {@code composeId}, except
     * while resuming, where the runtime has none to give and uses {@code <runId>-replay}.
     */
    REPLAY;

    /**
     * @param name {@code backtest}, {@code paper} or {@code live} (any case), as in {@link StrategyInfo#mode()}
     * @return the mode: never {@link #REPLAY}, which is no run's mode
     * @throws IllegalArgumentException naming the value if it is none of them
     */
    public static RunMode of(String name) {
        RunMode mode;
        try {
            mode = valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            mode = REPLAY;
        }
        if (mode == REPLAY) {
            throw new IllegalArgumentException("run mode must be backtest, paper or live, was '" + name + "'");
        }
        return mode;
    }
}
