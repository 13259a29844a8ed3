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
     * @return this thread's scope. A cycle driver keeps it (see {@link Owned}): looked up at every cycle, the
     *     thread-local walked a crowded map on a thread that had run many backtests (4% of an idle backtest cycle).
     */
    static CycleLogScope current() {
        return CURRENT.get();
    }

    /**
     * @param cycle the cycle starting on this thread
     * @param now whether its id goes into the MDC now (paper and live: a few cycles a second, and code that reads
     *     the MDC itself finds it) or only when a line is logged (backtests)
     * @return this scope, now running {@code cycle}
     */
    CycleLogScope enter(CycleDraft cycle, boolean now) {
        this.cycle = cycle;
        if (now) {
            beforeLog(this);
        }
        return this;
    }

    /**
     * A thread's scope as its cycle driver keeps it: one reference, read whole, so a driver whose cycles run on
     * another thread now looks the scope up again instead of using the other thread's.
     */
    record Owned(Thread thread, CycleLogScope scope) {
        /** @return the calling thread's scope, looked up only if {@code held} is another thread's */
        static Owned of(Owned held) {
            Thread now = Thread.currentThread();
            return held != null && held.thread == now ? held : new Owned(now, current());
        }
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
