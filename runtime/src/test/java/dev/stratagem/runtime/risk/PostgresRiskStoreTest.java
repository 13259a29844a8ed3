package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.BreakerState.ACTIVE;
import static dev.stratagem.runtime.risk.BreakerState.HALTED;
import static dev.stratagem.runtime.risk.BreakerState.PAUSED;
import static dev.stratagem.runtime.risk.BreakerState.REDUCING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.PostgresSchema;
import dev.stratagem.runtime.history.SampleCycles;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The risk store's SQL on a real PostgreSQL ({@link PostgresSchema}: skipped when none listens): the kill switch, the
 * breaker transitions in update order, the portfolio breaker's stored state and the stored cycles' updates after it
 * (V9), and the queries a restart restores a strategy's breaker from. The H2 tests cover what the engine does with
 * them; these, that PostgreSQL takes the same statements and gives the same answers.
 */
class PostgresRiskStoreTest {

    private static final String RUN = "pg-risk";
    private static final String PORTFOLIO = RiskEngine.PORTFOLIO;

    private PostgresSchema schema;
    private JdbiHistoryStore history;
    private RiskStore store;

    @BeforeEach
    void open() throws SQLException {
        schema = PostgresSchema.create();
        history = schema.open();
        store = new RiskStore(history);
    }

    @AfterEach
    void close() throws SQLException {
        if (schema != null) {
            history.close();
            schema.close();
        }
    }

    @Test
    void the_portfolio_state_and_the_updates_after_it_read_back_and_a_later_state_supersedes_them() {
        assertThat(store.lastPortfolioState()).isEmpty();
        assertThat(store.lastPortfolioUpdate()).isZero();
        history.jdbi().useTransaction(h -> {
            RiskStore.savePortfolioState(h, state(3, Double.NaN, new double[] {100_000.5, 99_999.25}));
            RiskStore.savePortfolioUpdates(h, List.of(update(5, 101_000.125), update(4, 100_500)));
        });

        PortfolioBreakerState stored = store.lastPortfolioState().orElseThrow();
        assertThat(stored.update()).isEqualTo(3);
        assertThat(stored.peak()).isNaN();   // stored as NULL
        assertThat(stored.dayStart()).isEqualTo(100_000);
        assertThat(stored.sleeveEquities()).containsExactly(100_000.5, 99_999.25);
        assertThat(store.portfolioUpdatesAfter(3)).extracting(BreakerUpdate::update, BreakerUpdate::equity)
                .containsExactly(tuple(4L, 100_500.0), tuple(5L, 101_000.125));
        assertThat(store.lastPortfolioUpdate()).isEqualTo(5);
        store.recordTransition(transition(PORTFOLIO, 10, ACTIVE, REDUCING, "drawdown"), 7);
        assertThat(store.lastPortfolioUpdate()).isEqualTo(7);

        history.jdbi().useTransaction(h -> RiskStore.savePortfolioState(h, state(5, 101_000.125, null)));
        assertThat(store.lastPortfolioState().orElseThrow().update()).isEqualTo(5);
        assertThat(store.lastPortfolioState().orElseThrow().sleeveEquities()).isNull();
        assertThat(store.portfolioUpdatesAfter(0)).isEmpty();
    }

    @Test
    void portfolio_transitions_read_in_update_order_and_a_restart_squares_them() {
        BreakerTransition reducing = transition(PORTFOLIO, 10, ACTIVE, REDUCING, "drawdown 6%");
        BreakerTransition reset = transition(PORTFOLIO, 12, REDUCING, ACTIVE, CircuitBreaker.RESET + "desk");
        BreakerTransition replayed = transition(PORTFOLIO, 11, REDUCING, HALTED, "drawdown 11%");
        store.recordTransition(reducing, 4);
        store.recordTransition(reset, 6);
        store.recordTransition(replayed, 5);   // a restart records a replayed update's move after a later row

        assertThat(store.transitions(PORTFOLIO)).containsExactly(reducing, replayed, reset);
        assertThat(store.lastTransition(PORTFOLIO, null)).contains(reset);
        List<RiskStore.Recorded> after = store.portfolioTransitionsAfter(4);
        assertThat(after).extracting(RiskStore.Recorded::update).containsExactly(5L, 6L);
        assertThat(after).extracting(RiskStore.Recorded::reset).containsExactly(false, true);

        BreakerTransition instead = transition(PORTFOLIO, 11, REDUCING, PAUSED, "day loss 3%");
        store.squarePortfolioTransitions(List.of(after.getFirst().eventId()), Map.of(5L, instead));
        assertThat(store.transitions(PORTFOLIO)).containsExactly(reducing, instead, reset);
    }

    @Test
    void the_kill_switch_and_a_strategy_breakers_restore_queries_work() {
        assertThat(store.killSwitch()).isEqualTo(KillSwitchState.OFF);
        KillSwitchState on = new KillSwitchState(true, true, "desk halt", "ops", 10);
        KillSwitchState off = new KillSwitchState(false, false, "resumed", "ops", 20);
        store.saveKillSwitch(on);   // the first inserts its row, the second updates it
        store.saveKillSwitch(off);
        assertThat(store.killSwitch()).isEqualTo(off);
        int events = history.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM kill_switch_events")
                .mapTo(Integer.class).one());
        assertThat(events).isEqualTo(2);

        String strategy = SampleCycles.STRATEGY;
        BreakerTransition paused = transition(strategy, 20, ACTIVE, PAUSED, "day loss 3%");
        BreakerTransition resumed = transition(strategy, 30, PAUSED, ACTIVE, "next day");
        BreakerTransition reset = transition(strategy, 40, ACTIVE, ACTIVE, CircuitBreaker.RESET + "desk");
        BreakerTransition lost = transition(strategy, 50, ACTIVE, REDUCING, "drawdown");
        for (BreakerTransition t : List.of(paused, resumed, reset, lost)) {
            store.recordTransition(t, 0);
        }
        assertThat(store.deleteTransitionsAfter(strategy, RUN, 35)).isEqualTo(1);   // the reset stays
        assertThat(store.transitions(strategy)).containsExactly(paused, resumed, reset);
        assertThat(store.lastTransition(strategy, RUN)).contains(reset);
        assertThat(store.lastRestart(strategy, RUN)).contains(reset);

        List<CycleRecord> cycles = List.of(SampleCycles.idle(RUN, 1), SampleCycles.idle(RUN, 2),
                SampleCycles.traded(RUN, 3));
        history.writeCycles(cycles);
        long first = cycles.getFirst().ts();
        long third = cycles.getLast().ts();
        assertThat(store.peakEquity(RUN, first)).isEqualTo(cycles.getLast().portfolioAfter().equity());
        assertThat(store.peakEquity(RUN, third + 1)).isNaN();
        assertThat(store.dayStartEquity(RUN, third)).isEqualTo(cycles.get(1).portfolioAfter().equity());
        assertThat(store.dayStartEquity(RUN, first - 1)).isEqualTo(cycles.getFirst().portfolioAfter().equity());
        assertThat(store.cyclesAfter(RUN, first)).isEqualTo(2);
    }

    private static PortfolioBreakerState state(long update, double peak, double[] equities) {
        return new PortfolioBreakerState(update, RUN + "-" + update, SampleCycles.STRATEGY + "=" + RUN, 1_000 + update,
                REDUCING, peak, 100_000, 2, 99_500, equities);
    }

    private static BreakerUpdate update(long update, double equity) {
        return new BreakerUpdate(update, RUN + "-" + update, SampleCycles.STRATEGY, 1_000 + update, equity);
    }

    private static BreakerTransition transition(String scope, long ts, BreakerState from, BreakerState to,
            String cause) {
        return new BreakerTransition(scope, RUN, ts, from, to, cause, 99_000 + ts);
    }
}
