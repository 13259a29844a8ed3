package dev.stratagem.runtime.risk;

import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The risk engine's tables: the kill switch and the breaker transitions (V3), the portfolio breaker's state (V7) and
 * the stored cycles' updates after it (V9).
 * Thread-safe.
 */
public final class RiskStore {

    /** A breaker transition's columns, as {@link #transition} reads them. */
    private static final String TRANSITIONS = "SELECT scope, run_id, ts, from_state, to_state, cause, equity"
            + " FROM breaker_events";
    /**
     * The order transitions happened in: a portfolio transition's update number first (a restart records the moves of
     * replayed updates after later rows, see {@link RiskEngine#restorePortfolio}), then the row's. A strategy's
     * transitions, and the portfolio's when its states are not kept, have no update number: the row's order alone.
     */
    private static final String IN_UPDATE_ORDER = "COALESCE(portfolio_update, 0), event_id";
    private static final String IN_UPDATE_ORDER_DESC = "COALESCE(portfolio_update, 0) DESC, event_id DESC";
    /** A run's recorded portfolios after its cycles (one a cycle that got that far), with the cycle as {@code c}. */
    private static final String RUN_SNAPSHOTS = " FROM portfolio_snapshots p JOIN cycles c"
            + " ON c.compose_id = p.compose_id WHERE c.run_id = ?";

    private final Jdbi jdbi;

    /** @param store the history database, already migrated */
    public RiskStore(JdbiHistoryStore store) {
        this.jdbi = store.jdbi();
    }

    /** @return the stored kill switch, {@link KillSwitchState#OFF} if never set */
    public KillSwitchState killSwitch() {
        return jdbi.withHandle(h -> h.createQuery("SELECT active, flatten, reason, actor, changed_at FROM kill_switch"
                        + " WHERE id = 1")
                .map((rs, ctx) -> new KillSwitchState(rs.getBoolean(1), rs.getBoolean(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)))
                .findOne().orElse(KillSwitchState.OFF));
    }

    /** Stores the kill switch and appends the change to its audit trail, in one transaction. */
    public void saveKillSwitch(KillSwitchState s) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE kill_switch SET active = ?, flatten = ?, reason = ?, actor = ?,"
                            + " changed_at = ? WHERE id = 1")
                    .bind(0, s.active()).bind(1, s.flatten()).bind(2, s.reason()).bind(3, s.actor())
                    .bind(4, s.changedAt()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO kill_switch (id, active, flatten, reason, actor, changed_at)"
                                + " VALUES (1, ?, ?, ?, ?, ?)")
                        .bind(0, s.active()).bind(1, s.flatten()).bind(2, s.reason()).bind(3, s.actor())
                        .bind(4, s.changedAt()).execute();
            }
            h.createUpdate("INSERT INTO kill_switch_events (active, flatten, reason, actor, changed_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .bind(0, s.active()).bind(1, s.flatten()).bind(2, s.reason()).bind(3, s.actor())
                    .bind(4, s.changedAt()).execute();
        });
    }

    /**
     * Appends one breaker transition.
     *
     * @param t the transition
     * @param portfolioUpdate for the portfolio breaker's, when its states are kept: the update it came with (a cycle's
     *     or a manual reset's; a restart deletes a lost cycle's transition when its update is after the stored state,
     *     and applies a stored cycle's update and a reset after it again); 0 for none
     */
    public void recordTransition(BreakerTransition t, long portfolioUpdate) {
        jdbi.useHandle(h -> insertTransition(h, t, portfolioUpdate));
    }

    private static void insertTransition(Handle h, BreakerTransition t, long portfolioUpdate) {
        h.createUpdate("INSERT INTO breaker_events (scope, run_id, ts, from_state, to_state, cause, equity,"
                        + " recorded_at, portfolio_update) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, t.scope()).bind(1, t.runId()).bind(2, t.ts()).bind(3, t.from().name())
                .bind(4, t.to().name()).bind(5, t.cause()).bind(6, t.equity()).bind(7, System.currentTimeMillis())
                .bind(8, portfolioUpdate > 0 ? portfolioUpdate : null).execute();
    }

    /** A recorded transition, its row and the portfolio breaker's update it came with. */
    record Recorded(long eventId, long update, BreakerTransition transition) {

        /** @return whether it is a manual reset's */
        boolean reset() {
            return transition.cause().startsWith(CircuitBreaker.RESET);
        }
    }

    /**
     * @param update a stored state's update
     * @return the portfolio breaker's recorded transitions of updates after it, manual resets included, in update order
     */
    List<Recorded> portfolioTransitionsAfter(long update) {
        return jdbi.withHandle(h -> h.createQuery("SELECT scope, run_id, ts, from_state, to_state, cause, equity,"
                        + " event_id, portfolio_update FROM breaker_events WHERE scope = ? AND portfolio_update > ?"
                        + " ORDER BY portfolio_update")
                .bind(0, RiskEngine.PORTFOLIO).bind(1, update)
                .map((rs, ctx) -> new Recorded(rs.getLong(8), rs.getLong(9), transition(rs)))
                .list());
    }

    /**
     * Squares the portfolio breaker's recorded transitions with a restart's replay, in one transaction.
     *
     * @param deleted the rows of transitions the replay did not make again
     * @param recorded the moves it made that were not recorded, by update
     */
    void squarePortfolioTransitions(List<Long> deleted, Map<Long, BreakerTransition> recorded) {
        jdbi.useTransaction(h -> {
            for (long eventId : deleted) {
                h.createUpdate("DELETE FROM breaker_events WHERE event_id = ?").bind(0, eventId).execute();
            }
            recorded.forEach((update, t) -> insertTransition(h, t, update));
        });
    }

    /**
     * Stores the portfolio breaker's state in the caller's transaction, and deletes the states and the stored cycles'
     * updates it supersedes (every lower update number: the highest surviving state is what a restart restores, and
     * only the updates after it are applied again).
     *
     * @param h a handle within the transaction that stores the batch of cycle records the state is stored with
     * @param s the state
     */
    static void savePortfolioState(Handle h, PortfolioBreakerState s) {
        h.createUpdate("INSERT INTO portfolio_breaker_states (update_no, compose_id, sleeves, ts, state, peak, day_start,"
                        + " paused_cycles, equity, recorded_at, sleeve_equities)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, s.update()).bind(1, s.composeId()).bind(2, s.sleeves()).bind(3, s.ts())
                .bind(4, s.state().name()).bind(5, orNull(s.peak())).bind(6, orNull(s.dayStart()))
                .bind(7, s.pausedCycles()).bind(8, orNull(s.equity())).bind(9, System.currentTimeMillis())
                .bind(10, equities(s.sleeveEquities()))
                .execute();
        h.createUpdate("DELETE FROM portfolio_breaker_states WHERE update_no < ?").bind(0, s.update()).execute();
        h.createUpdate("DELETE FROM portfolio_breaker_updates WHERE update_no <= ?").bind(0, s.update()).execute();
    }

    /**
     * Stores stored cycles' updates after the state stored with them, in the caller's transaction.
     *
     * @param h a handle within the transaction that stores their cycle records
     * @param updates the updates
     */
    static void savePortfolioUpdates(Handle h, List<BreakerUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO portfolio_breaker_updates (update_no, compose_id,"
                + " strategy_id, ts, equity) VALUES (?, ?, ?, ?, ?)");
        for (BreakerUpdate u : updates) {
            batch.bind(0, u.update()).bind(1, u.composeId()).bind(2, u.strategyId()).bind(3, u.ts())
                    .bind(4, u.equity()).add();
        }
        batch.execute();
    }

    /**
     * @param update a stored state's update
     * @return the stored cycles' updates after it, in update order
     */
    List<BreakerUpdate> portfolioUpdatesAfter(long update) {
        return jdbi.withHandle(h -> h.createQuery("SELECT update_no, compose_id, strategy_id, ts, equity FROM"
                        + " portfolio_breaker_updates WHERE update_no > ? ORDER BY update_no")
                .bind(0, update)
                .map((rs, ctx) -> new BreakerUpdate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getDouble(5)))
                .list());
    }

    /**
     * @return the highest update number of the portfolio breaker stored anywhere, a state's, a stored cycle's or a
     *     transition's; 0 if none
     */
    public long lastPortfolioUpdate() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(u), 0) FROM (SELECT MAX(update_no) AS u FROM"
                        + " portfolio_breaker_states UNION ALL SELECT MAX(update_no) AS u FROM"
                        + " portfolio_breaker_updates UNION ALL SELECT MAX(portfolio_update) AS u FROM"
                        + " breaker_events) m")
                .mapTo(Long.class).one());
    }

    /** @return the portfolio breaker's state with the highest update number, if one was stored */
    public Optional<PortfolioBreakerState> lastPortfolioState() {
        return jdbi.withHandle(h -> h.createQuery("SELECT update_no, compose_id, sleeves, ts, state, peak, day_start,"
                        + " paused_cycles, equity, sleeve_equities FROM portfolio_breaker_states"
                        + " ORDER BY update_no DESC LIMIT 1")
                .map((rs, ctx) -> new PortfolioBreakerState(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), BreakerState.valueOf(rs.getString(5)), JdbiHistoryStore.doubleOrNaN(rs, 6),
                        JdbiHistoryStore.doubleOrNaN(rs, 7), rs.getInt(8), JdbiHistoryStore.doubleOrNaN(rs, 9),
                        equities(rs.getString(10), rs.getLong(1))))
                .findOne());
    }

    /** A state's sleeve equities as stored: ';'-separated, each as {@link Double#toString} writes it (exact). */
    private static String equities(double[] equities) {
        if (equities == null) {
            return null;
        }
        StringJoiner j = new StringJoiner(";");
        for (double e : equities) {
            j.add(Double.toString(e));
        }
        return j.toString();
    }

    /** @param update the state's, named in the error if the stored text is not numbers */
    private static double[] equities(String stored, long update) {
        if (stored == null) {
            return null;
        }
        if (stored.isEmpty()) {
            return new double[0];
        }
        String[] parts = stored.split(";");
        double[] equities = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                equities[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("portfolio_breaker_states.sleeve_equities of update " + update
                        + " is not ';'-separated numbers: '" + stored + "' (item " + (i + 1) + ")", e);
            }
        }
        return equities;
    }

    /** NaN (no value yet) is stored as NULL, as in the history's other tables: not every database takes a NaN. */
    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /** @return every recorded transition of a scope, in the order they happened ({@link #IN_UPDATE_ORDER}) */
    public List<BreakerTransition> transitions(String scope) {
        return jdbi.withHandle(h -> h.createQuery(TRANSITIONS + " WHERE scope = ? ORDER BY " + IN_UPDATE_ORDER)
                .bind(0, scope)
                .map((rs, ctx) -> transition(rs))
                .list());
    }

    /**
     * Deletes the transitions a strategy's breaker recorded in cycles after {@code ts}: at a restart those cycles
     * are not in the history (never committed, or deleted as incomplete) and run again, recording their own. Manual
     * resets stay, whatever their time: an operator's act, not a cycle's.
     *
     * @param scope the strategy
     * @param runId its run
     * @param ts the time of the run's last recorded cycle
     * @return how many transitions were deleted
     */
    public int deleteTransitionsAfter(String scope, String runId, long ts) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM breaker_events WHERE scope = ? AND run_id = ? AND ts > ?"
                        + " AND cause NOT LIKE ?")
                .bind(0, scope).bind(1, runId).bind(2, ts).bind(3, CircuitBreaker.RESET + "%").execute());
    }

    /**
     * @param scope a strategy id or {@link RiskEngine#PORTFOLIO}
     * @param runId the strategy's run, or {@code null} for any run (the portfolio)
     * @return the last recorded transition of that breaker, in the order they happened ({@link #IN_UPDATE_ORDER})
     */
    public Optional<BreakerTransition> lastTransition(String scope, String runId) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(TRANSITIONS + " WHERE scope = ?" + (runId == null ? "" : " AND run_id = ?")
                            + " ORDER BY " + IN_UPDATE_ORDER_DESC + " LIMIT 1")
                    .bind(0, scope);
            if (runId != null) {
                q.bind(1, runId);
            }
            return q.map((rs, ctx) -> transition(rs)).findOne();
        });
    }

    /**
     * The last time a run's breaker started afresh: a resume out of PAUSED or a manual reset. Both restart its equity
     * peak and its day's start at that transition's equity.
     *
     * @param scope a strategy id
     * @param runId the strategy's run
     * @return that transition, if there was one
     */
    public Optional<BreakerTransition> lastRestart(String scope, String runId) {
        return jdbi.withHandle(h -> h.createQuery(TRANSITIONS + " WHERE scope = ? AND run_id = ?"
                        + " AND ((from_state = ? AND to_state = ?) OR cause LIKE ?) ORDER BY event_id DESC LIMIT 1")
                .bind(0, scope).bind(1, runId).bind(2, BreakerState.PAUSED.name()).bind(3, BreakerState.ACTIVE.name())
                .bind(4, CircuitBreaker.RESET + "%")
                .map((rs, ctx) -> transition(rs)).findOne());
    }

    private static BreakerTransition transition(ResultSet rs) throws SQLException {
        return new BreakerTransition(rs.getString(1), rs.getString(2), rs.getLong(3),
                BreakerState.valueOf(rs.getString(4)), BreakerState.valueOf(rs.getString(5)), rs.getString(6),
                rs.getDouble(7));
    }

    /**
     * @param runId a strategy's run
     * @param fromTs the first cycle time to consider
     * @return the highest recorded equity of the run's cycles from that time on, NaN if none
     */
    public double peakEquity(String runId, long fromTs) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(p.equity)" + RUN_SNAPSHOTS + " AND c.ts >= ?")
                .bind(0, runId).bind(1, fromTs)
                .mapTo(Double.class).findOne().orElse(Double.NaN));
    }

    /**
     * The equity a run's breaker counts a day's losses from, as {@link CircuitBreaker} sets it when the day's first
     * cycle comes: the equity after the run's last cycle before the day, or, if the run started that day, after its
     * first cycle of the day.
     *
     * @param runId a strategy's run
     * @param dayFrom the day's first millisecond
     * @return the equity, NaN if the run recorded none
     */
    public double dayStartEquity(String runId, long dayFrom) {
        return jdbi.withHandle(h -> {
            String equity = "SELECT p.equity" + RUN_SNAPSHOTS + " AND c.ts ";
            return h.createQuery(equity + "< ? ORDER BY c.ts DESC, c.seq DESC LIMIT 1")
                    .bind(0, runId).bind(1, dayFrom).mapTo(Double.class).findOne()
                    .or(() -> h.createQuery(equity + ">= ? ORDER BY c.ts, c.seq LIMIT 1")
                            .bind(0, runId).bind(1, dayFrom).mapTo(Double.class).findOne())
                    .orElse(Double.NaN);
        });
    }

    /**
     * @param runId a strategy's run
     * @param ts a time
     * @return how many cycles the run recorded after that time with a portfolio after them: those its breaker saw
     */
    public int cyclesAfter(String runId, long ts) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*)" + RUN_SNAPSHOTS + " AND c.ts > ?")
                .bind(0, runId).bind(1, ts).mapTo(Integer.class).one());
    }
}
