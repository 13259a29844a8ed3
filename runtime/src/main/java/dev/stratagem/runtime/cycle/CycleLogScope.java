package dev.stratagem.runtime.cycle;

import org.slf4j.MDC;

/**
 * The cycle running on this thread, for the logs: its compose id goes into the MDC ({@code composeId}) when
 * something logs during the cycle, not at every cycle. Putting it and taking it out of the MDC each cycle, and
 * writing the id as text for that, were a tenth of an idle backtest cycle; almost no cycle logs.
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

    /** @return this thread's scope, now running {@code cycle} */
    static CycleLogScope enter(CycleDraft cycle) {
        CycleLogScope scope = CURRENT.get();
        scope.cycle = cycle;
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
        CycleLogScope scope = CURRENT.get();
        if (scope.cycle != null && !scope.inMdc) {
            MDC.put(KEY, scope.cycle.composeId());
            scope.inMdc = true;
        }
    }
}
