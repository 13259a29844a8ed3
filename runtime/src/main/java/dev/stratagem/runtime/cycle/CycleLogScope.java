package dev.stratagem.runtime.cycle;

import org.slf4j.MDC;

/**
 * The cycle running on this thread, for the logs: in a backtest its compose id goes into the MDC
 * ({@code composeId}) when something logs during the cycle, not at every cycle. Putting it and taking it out of
 * the MDC each cycle, and writing the id as text for that, were a tenth of an idle backtest cycle; almost no cycle
 * logs. Paper and live cycles put it at their start, as before.
 *
 * <p>The logging side is {@code dev.stratagem.runtime.ops.ComposeIdLogFilter}, which logback calls before
 * every log call (logback.xml). Without it the compose id is not in the logs; the cycles run the same.
 */
public final class CycleLogScope {

    /** The MDC key. */
    public static final String KEY = "composeId";

    private static final ThreadLocal<CycleLogScope> CURRENT = ThreadLocal.withInitial(CycleLogScope::new);

    private CycleDraft cycle;
    private boolean inMdc;

    private CycleLogScope() {}

    /**
     * @param cycle the cycle starting on this thread
     * @param now whether its id goes into the MDC now (paper and live: a few cycles a second, and code that reads
     *     the MDC itself finds it) or only when a line is logged (backtests)
     * @return this thread's scope, now running {@code cycle}
     */
    static CycleLogScope enter(CycleDraft cycle, boolean now) {
        CycleLogScope scope = CURRENT.get();
        scope.cycle = cycle;
        if (now) {
            beforeLog(scope);
        }
        return scope;
    }

    /** Ends the cycle: its id leaves the MDC if a log line put it there. */
    void exit() {
        cycle = null;
        if (inMdc) {
            MDC.remove(KEY);
            inMdc = false;
        }
    }

    /** Puts the running cycle's compose id in the MDC, once per cycle; nothing outside a cycle. */
    public static void beforeLog() {
        beforeLog(CURRENT.get());
    }

    private static void beforeLog(CycleLogScope scope) {
        if (scope.cycle != null && !scope.inMdc) {
            MDC.put(KEY, scope.cycle.composeId());
            scope.inMdc = true;
        }
    }
}
