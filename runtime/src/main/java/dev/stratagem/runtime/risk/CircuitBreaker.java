package dev.stratagem.runtime.risk;

import java.util.Locale;
import java.util.Optional;

/**
 * A drawdown and daily-loss circuit breaker: ACTIVE -> REDUCING -> PAUSED -> HALTED as losses deepen.
 * REDUCING falls back to ACTIVE when the losses recover below its level; PAUSED resumes by the limits'
 * rule (after N cycles or at the next UTC day) with the equity peak reset to the current equity;
 * HALTED stays until {@link #reset}. Not thread-safe: the {@link RiskEngine} serialises access.
 */
final class CircuitBreaker {

    /** How the cause of a manual reset starts. */
    static final String RESET = "reset: ";

    /** A UTC day in epoch millis: the daily loss counts from the equity each such day starts with. */
    private static final long DAY = 86_400_000L;

    private final String scope;
    private final BreakerLimits limits;
    private BreakerState state = BreakerState.ACTIVE;
    private double peak = Double.NaN;
    private double dayStart = Double.NaN;
    private double last = Double.NaN;
    private long day = Long.MIN_VALUE;
    /** Where {@link #day} starts, in epoch millis: a cycle within a day of it needs no division. */
    private long dayFrom = Long.MAX_VALUE;
    private int pausedCycles;
    /** The cycle time of the last update: its UTC day is {@link #day}. */
    private long seen = Long.MIN_VALUE;
    /**
     * Whether the last update found both levels ACTIVE in the ACTIVE state, and nothing changed the breaker since (a
     * reset or a restore clears it; an update that goes on to the state machine has cleared it already). Then an
     * update at the same equity finds them ACTIVE again: the peak stays, the drawdown is the same, and the daily loss
     * is the same or, on a new day that starts at this equity, zero. A flat book's equity does not move, so about
     * half a backtest's cycles skip the two divisions and the levels.
     */
    private boolean quiet;

    CircuitBreaker(String scope, BreakerLimits limits) {
        this.scope = scope;
        this.limits = limits;
    }

    BreakerState state() {
        return state;
    }

    /** @return the equity peak the drawdown counts from, NaN before the first update */
    double peak() {
        return peak;
    }

    /** @return the equity the daily loss counts from, NaN before the first update */
    double dayStart() {
        return dayStart;
    }

    /** @return the cycles waited while PAUSED */
    int pausedCycles() {
        return pausedCycles;
    }

    /** @return the equity of the last update, NaN before the first */
    double last() {
        return last;
    }

    /** @return the cycle time of the last update (its day is the breaker's), {@link Long#MIN_VALUE} before the first */
    long seen() {
        return seen;
    }

    double drawdown() {
        return peak > 0 ? Math.max(0, (peak - last) / peak) : 0;
    }

    /** @return the transition this equity caused, if any */
    Optional<BreakerTransition> update(String runId, long ts, double equity) {
        if (!Double.isFinite(equity)) {
            return Optional.empty();
        }
        long sinceDayStart = ts - dayFrom;
        boolean newDay = false;
        if (ts < dayFrom || sinceDayStart < 0 || sinceDayStart >= DAY) {   // < 0: the difference overflowed
            long today = Math.floorDiv(ts, DAY);
            newDay = today != day;
            if (newDay) {
                dayStart = Double.isNaN(last) ? equity : last;
                day = today;
                dayFrom = dayFrom(ts);
            }
        }
        boolean unmoved = equity == last;
        last = equity;
        seen = ts;
        if (quiet && unmoved) {
            return Optional.empty();
        }
        quiet = false;
        peak = Double.isNaN(peak) ? equity : Math.max(peak, equity);
        double dd = drawdown();
        double dl = dayStart > 0 ? Math.max(0, (dayStart - equity) / dayStart) : 0;
        BreakerState level = limits.level(dd, dl);
        if (state == BreakerState.ACTIVE && level == BreakerState.ACTIVE) {
            quiet = true;
            return Optional.empty();   // almost every cycle: kept small enough for the JIT to inline the call
        }
        return follow(runId, ts, level, dd, dl, newDay);
    }

    /** The state machine, for a cycle that is not ACTIVE at the ACTIVE level. */
    private Optional<BreakerTransition> follow(String runId, long ts, BreakerState level, double dd, double dl,
            boolean newDay) {
        double equity = last;
        return switch (state) {
            case HALTED -> Optional.empty();
            case PAUSED -> {
                if (level == BreakerState.HALTED) {
                    yield move(runId, ts, level, cause(dd, dl, level));
                }
                pausedCycles++;
                boolean resume = limits.resumeBars() > 0 ? pausedCycles >= limits.resumeBars() : newDay;
                if (!resume) {
                    yield Optional.empty();
                }
                peak = equity;
                dayStart = equity;
                yield move(runId, ts, BreakerState.ACTIVE, limits.resumeBars() > 0
                        ? "resumed after " + limits.resumeBars() + " cycles paused" : "resumed at the start of a new day");
            }
            case ACTIVE, REDUCING -> {
                if (level.compareTo(state) > 0) {
                    yield move(runId, ts, level, cause(dd, dl, level));
                }
                if (state == BreakerState.REDUCING && level == BreakerState.ACTIVE) {
                    yield move(runId, ts, BreakerState.ACTIVE, "losses recovered: drawdown " + pct(dd)
                            + ", daily loss " + pct(dl));
                }
                yield Optional.empty();
            }
        };
    }

    /** Manual reset of a PAUSED or HALTED breaker; the peak restarts at the last equity. */
    Optional<BreakerTransition> reset(String runId, long ts, String reason) {
        if (state == BreakerState.ACTIVE) {
            return Optional.empty();
        }
        restart();
        return move(runId, ts, BreakerState.ACTIVE, RESET + reason);
    }

    /** After {@link #restore}: a manual reset recorded after the restored state, applied again (nothing recorded). */
    void restoreReset() {
        restart();
        state = BreakerState.ACTIVE;
        pausedCycles = 0;
    }

    /** What a reset does to the levels: the peak and the day's start restart at the last equity. */
    private void restart() {
        quiet = false;
        peak = last;
        dayStart = last;
    }

    /**
     * After a restart: takes a recorded state (a strategy's: the one its last recorded transition left; the
     * portfolio's: its stored state, see {@link RiskEngine#restorePortfolio}) and the equity peak recorded with it,
     * at least the equity now.
     */
    void restore(BreakerState recorded, double recordedPeak, double equity) {
        quiet = false;
        state = recorded;
        last = equity;
        peak = Double.isFinite(recordedPeak) ? Math.max(recordedPeak, equity) : equity;
        pausedCycles = 0;
    }

    /**
     * After {@link #restore}, for a strategy's run: the UTC day of its last recorded cycle, the equity that day's
     * losses count from, and the cycles a PAUSED breaker has waited. Without them a restart within the day measured
     * the daily loss from the equity at the restart (the day's earlier losses forgotten), and a breaker PAUSED until
     * the next day resumed at the first cycle after the restart.
     *
     * @param lastTs the time of the run's last recorded cycle
     * @param dayStartEquity the equity the day of {@code lastTs} starts from (see {@link #update}); NaN for the
     *     restored equity
     * @param cyclesPaused the recorded cycles since the breaker paused; ignored unless it is PAUSED
     */
    void restoreDay(long lastTs, double dayStartEquity, int cyclesPaused) {
        quiet = false;
        seen = lastTs;
        day = Math.floorDiv(lastTs, DAY);
        dayFrom = dayFrom(lastTs);
        dayStart = Double.isFinite(dayStartEquity) ? dayStartEquity : last;
        pausedCycles = state == BreakerState.PAUSED ? cyclesPaused : 0;
    }

    /**
     * @param ts a time
     * @return the first millisecond of its UTC day; {@link Long#MAX_VALUE} where that is before {@link Long#MIN_VALUE}
     *     (no day start to measure from: {@link #update} then divides)
     */
    static long dayFrom(long ts) {
        long from = Math.floorDiv(ts, DAY) * DAY;
        return from > ts ? Long.MAX_VALUE : from;   // > ts: overflowed
    }

    private Optional<BreakerTransition> move(String runId, long ts, BreakerState to, String cause) {
        BreakerTransition t = new BreakerTransition(scope, runId, ts, state, to, cause, last);
        state = to;
        pausedCycles = 0;
        return Optional.of(t);
    }

    private String cause(double dd, double dl, BreakerState level) {
        boolean byDrawdown = limits.level(dd, 0) == level;
        return byDrawdown
                ? "drawdown " + pct(dd) + " from peak " + Decimals.money(peak) + " reached the " + level + " level"
                : "daily loss " + pct(dl) + " from " + Decimals.money(dayStart) + " reached the " + level + " level";
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.2f%%", x * 100);
    }
}
