package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.CycleCoordinator;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.history.HistoryWriteException;
import dev.stratagem.runtime.history.HistoryWriter;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import dev.stratagem.runtime.history.TornCycles;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.testing.CloseOnlyPipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The portfolio breaker across a restart, as a kernel runs it: two sleeves, each cycle followed by the engine and
 * then stored with the breaker's state ({@link PortfolioStateSink}) in a real H2 file. A restarted engine must go
 * on as one that never stopped: same peak, same day, same cycles paused.
 */
class PortfolioBreakerRestoreTest {

    @TempDir
    Path tmp;

    private static final Constraints FREE = new Constraints(NONE, NONE, NONE, NONE, Integer.MAX_VALUE, true);
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final double OFF = Double.POSITIVE_INFINITY;

    /** The portfolio breaker only: REDUCING at a 5% drawdown, PAUSED at 8%, HALTED at {@code halt}. */
    private static RiskSettings drawdown(double halt, int resumeBars) {
        return new RiskSettings(new BreakerLimits(0.05, 0.08, halt, OFF, OFF, OFF, resumeBars), Map.of(),
                BreakerLimits.OFF, PortfolioLimits.NONE, Map.of(), VarLimit.NONE);
    }

    private static CycleRecord a(long seq, long ts, double equity) {
        return cycle("a", "ra", seq, ts, equity);
    }

    private static CycleRecord b(long seq, long ts, double equity) {
        return cycle("b", "rb", seq, ts, equity);
    }

    private static CycleRecord cycle(String strategy, String run, long seq, long ts, double equity) {
        return RiskEngineCycles.cycle(strategy, run, seq, ts, new PortfolioView(ts, equity, equity, 0, 0, 0, 0,
                List.of(), FREE));
    }

    /** b's first cycle, the same in every test: 10,000 at the first hour of day 1. */
    private static final CycleRecord B1 = b(1, DAY + HOUR, 10_000);

    /** A kernel's engine that ran and stored a's first cycle {@code a1} and {@link #B1}. */
    private static Kernelish startedWith(JdbiHistoryStore store, RiskSettings settings, CycleRecord a1) {
        Kernelish running = kernel(store, settings, "rb");
        running.run(a1, B1);
        return running;
    }

    /** A kernel's engine: sleeves a (run ra) and b (run {@code runB}), 10,000 each, its states kept for the sink. */
    private static Kernelish kernel(JdbiHistoryStore store, RiskSettings settings, String runB) {
        RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
        engine.register("a", "ra", 10_000);
        engine.register("b", runB, 10_000);
        return new Kernelish(engine, new PortfolioStateSink(store, engine));
    }

    private record Kernelish(RiskEngine engine, PortfolioStateSink sink) {

        /** As a strategy verticle does: the cycle runs (the engine follows it), then the history stores it. */
        void run(CycleRecord... cycles) {
            for (CycleRecord c : cycles) {
                engine.observe(c);
                sink.writeCycles(List.of(c));
            }
        }

        /** A cycle the engine followed but the history never stored: the process died first. */
        void lost(CycleRecord c) {
            engine.observe(c);
        }

        BreakerState portfolio() {
            return engine.states().get(RiskEngine.PORTFOLIO);
        }
    }

    /**
     * The cycles after a restart: the engine that never stopped follows them (its history is the restarted one's), the
     * restarted one runs them.
     */
    private static void afterRestart(Kernelish running, Kernelish again, CycleRecord... cycles) {
        for (CycleRecord c : cycles) {
            running.engine().observe(c);
            again.run(c);
        }
    }

    /** A restarted kernel's engine, as KernelBoot makes it: both sleeves restored from their last stored cycles. */
    private static Kernelish restarted(JdbiHistoryStore store, RiskSettings settings, CycleRecord lastA,
            CycleRecord lastB) {
        Kernelish k = kernel(store, settings, "rb");
        k.engine().restore("a", lastA.portfolioAfter(), lastA.ts());
        k.engine().restore("b", lastB.portfolioAfter(), lastB.ts());
        k.engine().restorePortfolio();
        return k;
    }

    /**
     * Restarts with a's last stored cycle {@code a1} and b's {@code lastB}; a's cycle 2 (lost, at 22,000 in all) runs
     * again and fills at other prices, then a3. The restarted breaker must agree with one that only saw a1 and b1.
     */
    private static void runsAgainAsIfNeverSeen(JdbiHistoryStore store, RiskSettings settings, CycleRecord a1,
            CycleRecord b1, CycleRecord lastB) {
        Kernelish again = restarted(store, settings, a1, lastB);
        Kernelish reference = kernel(store, settings, "rb-reference");
        reference.engine().observe(a1);
        reference.engine().observe(b1);
        for (CycleRecord next : List.of(a(2, DAY + 2 * HOUR, 10_500), a(3, DAY + 3 * HOUR, 9_000))) {
            again.run(next);
            reference.engine().observe(next);
        }

        assertThat(reference.portfolio()).as("19,000 is 7.3% from 20,500").isEqualTo(BreakerState.REDUCING);
        assertThat(again.portfolio()).as("restarted: not the 22,000 of a cycle never stored")
                .isEqualTo(BreakerState.REDUCING);
    }

    /** @param storedBeforeV9 whether the state has no sleeve equities: then the sleeves' restored ones stand in */
    @ParameterizedTest(name = "a state stored before V9: {0}")
    @ValueSource(booleans = {false, true})
    void restarted_the_portfolio_breaker_keeps_its_equity_peak_and_its_update_count(boolean storedBeforeV9) {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("peak"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 10_300);
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 10_000);
            running.run(a(1, DAY + HOUR, 11_000), b(1, DAY + HOUR, 10_000), a2, b2);   // peak 21,000, now 20,300
            assertThat(running.portfolio()).isEqualTo(BreakerState.ACTIVE);
            RiskStore risk = new RiskStore(store);
            assertThat(risk.lastPortfolioState()).get().satisfies(s -> {
                assertThat(s.update()).isEqualTo(4);
                assertThat(s.composeId()).isEqualTo("rb-2");
                assertThat(s.sleeves()).isEqualTo("a=ra;b=rb");
                assertThat(s.peak()).isEqualTo(21_000);
            });
            if (storedBeforeV9) {
                store.jdbi().useHandle(h -> h.execute("UPDATE portfolio_breaker_states SET sleeve_equities = NULL"));
            }

            Kernelish again = restarted(store, settings, a2, b2);
            CycleRecord a3 = a(3, DAY + 3 * HOUR, 9_000);   // 19,000: 9.5% from 21,000, 6.4% from 20,300
            afterRestart(running, again, a3);

            assertThat(running.portfolio()).isEqualTo(BreakerState.PAUSED);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.PAUSED);
            assertThat(risk.lastPortfolioState()).get().extracting(PortfolioBreakerState::update)
                    .as("counted on from the stored update, the states before it deleted").isEqualTo(5L);
            int rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM portfolio_breaker_states")
                    .mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void restarted_within_a_day_the_portfolio_breaker_counts_the_days_loss_from_the_days_start() {
        RiskSettings settings = new RiskSettings(new BreakerLimits(OFF, OFF, OFF, 0.04, 0.06, 0.9, 0), Map.of(),
                BreakerLimits.OFF, PortfolioLimits.NONE, Map.of(), VarLimit.NONE);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("day"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a2 = a(2, DAY + HOUR, 9_500);
            CycleRecord b2 = b(2, DAY + HOUR, 10_000);
            running.run(a(1, DAY - HOUR, 10_000), b(1, DAY - HOUR, 10_000), a2, b2);   // the day starts at 20,000

            Kernelish again = restarted(store, settings, a2, b2);
            CycleRecord a3 = a(3, DAY + 2 * HOUR, 9_000);   // 19,000: 5% of the day's 20,000, 2.6% of 19,500
            afterRestart(running, again, a3);

            assertThat(running.portfolio()).isEqualTo(BreakerState.REDUCING);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.REDUCING);
        }
    }

    @Test
    void restarted_while_paused_for_n_cycles_the_portfolio_breaker_counts_the_cycles_it_waited() {
        RiskSettings settings = drawdown(0.5, 3);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("paused"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 9_000);
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 10_000);
            running.run(a(1, DAY + HOUR, 11_000), b(1, DAY + HOUR, 10_000), a2, b2);   // PAUSED at a2, waited 1
            assertThat(running.portfolio()).isEqualTo(BreakerState.PAUSED);

            Kernelish again = restarted(store, settings, a2, b2);
            afterRestart(running, again, a(3, DAY + 3 * HOUR, 9_000), b(3, DAY + 3 * HOUR, 10_000));

            assertThat(running.portfolio()).as("resumed after its third cycle paused").isEqualTo(BreakerState.ACTIVE);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.ACTIVE);
        }
    }

    @Test
    void a_cycle_lost_in_a_crash_is_not_in_the_restored_state_and_runs_again() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("lost"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            Kernelish running = startedWith(store, settings, a1);
            running.lost(a(2, DAY + 2 * HOUR, 12_000));   // a peak of 22,000 that no stored cycle had

            runsAgainAsIfNeverSeen(store, settings, a1, B1, B1);
        }
    }

    @Test
    void a_manual_reset_after_the_last_stored_cycle_survives_the_restart() {
        RiskSettings settings = drawdown(0.12, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("reset"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 8_000);
            CycleRecord b1 = b(1, DAY + HOUR, 10_000);
            running.run(a(1, DAY + HOUR, 11_000), b1, a2);   // 18,000: 14.3% from 21,000
            assertThat(running.portfolio()).isEqualTo(BreakerState.HALTED);
            assertThat(running.engine().reset(RiskEngine.PORTFOLIO, "checked")).isPresent();   // the peak: 18,000

            Kernelish again = restarted(store, settings, a2, b1);
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
            assertThat(again.engine().lastTransitions().get(RiskEngine.PORTFOLIO).cause()).isEqualTo("reset: checked");
            CycleRecord a3 = a(3, DAY + 3 * HOUR, 7_500);   // 17,500: 2.8% from 18,000
            afterRestart(running, again, a3);

            assertThat(running.portfolio()).isEqualTo(BreakerState.ACTIVE);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.ACTIVE);
        }
    }

    @Test
    void with_other_sleeves_than_the_stored_state_summed_the_portfolio_breaker_starts_its_peak_afresh() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("other"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 10_300);
            running.run(a(1, DAY + HOUR, 11_000), b(1, DAY + HOUR, 10_000), a2);   // peak 21,000

            // a continued, b started a new run: the stored peak is of another portfolio
            Kernelish again = kernel(store, settings, "rb-new");
            again.engine().restore("a", a2.portfolioAfter(), a2.ts());
            again.engine().restorePortfolio();
            again.run(a(3, DAY + 3 * HOUR, 9_000));   // 19,000: 6.4% from 20,300, 9.5% from the stored 21,000

            assertThat(again.portfolio()).isEqualTo(BreakerState.REDUCING);
            assertThat(new RiskStore(store).lastPortfolioState()).get().satisfies(s -> {
                assertThat(s.sleeves()).isEqualTo("a=ra;b=rb-new");
                assertThat(s.update()).as("counted on").isEqualTo(4);
            });
        }
    }

    /**
     * Two strategies' cycles of one bar: a's updates the breaker first, but b's record reaches the history first and
     * commits; the process dies before a's does. The state stored with b's cycle must not sum a's: it is the state
     * before a's update (the watermark), and a's cycle runs again into a breaker that has not seen it.
     */
    @Test
    void a_state_is_stored_only_once_every_earlier_update_is_a_stored_cycles() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("order"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            Kernelish running = startedWith(store, settings, a1);
            running.lost(a(2, DAY + 2 * HOUR, 12_000));   // updated first, its record never commits
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 10_000);
            running.run(b2);                               // updated second, committed
            assertThat(new RiskStore(store).lastPortfolioState()).get().extracting(PortfolioBreakerState::composeId)
                    .as("the state after b1: b2's sums a2").isEqualTo("rb-1");

            runsAgainAsIfNeverSeen(store, settings, a1, B1, b2);
        }
    }

    /**
     * b's cycles commit after a's lost one, so the stored state stays before a's update (the watermark). They do not
     * run again: the restart applies their updates again, in order. Before, it forgot them: the peak b2 made, and the
     * REDUCING b3 moved to (its transition deleted as a lost cycle's), so a3 found the breaker ACTIVE 2.4% from a
     * 20,500 peak instead of 9.1% from 22,000.
     */
    @Test
    void stored_cycles_after_the_stored_state_are_applied_again_at_the_restart() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("after-watermark"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            Kernelish running = startedWith(store, settings, a1);
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 10_000);
            running.lost(a2);                                 // update 3, never stored
            CycleRecord b3 = b(3, DAY + 3 * HOUR, 10_500);
            running.run(b(2, DAY + 2 * HOUR, 12_000), b3);   // peak 22,000; 20,500 is 6.8% from it: REDUCING
            assertThat(running.portfolio()).isEqualTo(BreakerState.REDUCING);
            RiskStore risk = new RiskStore(store);
            assertThat(risk.lastPortfolioState()).get().extracting(PortfolioBreakerState::composeId)
                    .as("the watermark: the state after b1").isEqualTo("rb-1");

            Kernelish again = restarted(store, settings, a1, b3);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.REDUCING);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).as("b3's transition kept: b3 does not run again")
                    .extracting(BreakerTransition::to).containsExactly(BreakerState.REDUCING);
            again.run(a2);   // runs again, the same
            afterRestart(running, again, a(3, DAY + 4 * HOUR, 9_500));   // 20,000: 9.1% from 22,000

            assertThat(running.portfolio()).isEqualTo(BreakerState.PAUSED);
            assertThat(again.portfolio()).as("restarted").isEqualTo(BreakerState.PAUSED);
            int rows = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM portfolio_breaker_updates")
                    .mapTo(Integer.class).one());
            assertThat(rows).as("every update stored with a state since: none left to apply again").isZero();
        }
    }

    /**
     * The replay crosses a UTC day: b2 PAUSED the breaker on day 1, b3 resumed it at the start of day 2 (peak 19,000).
     * Both are stored after the watermark (a2 lost before them), and both moves are made again and kept. Before, the
     * restart took the state at the watermark (ACTIVE, peak 21,000) and a2's run again PAUSED it at 9.5%.
     */
    @Test
    void the_replay_pauses_and_resumes_at_a_new_day_as_the_running_breaker_did() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("new-day"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 21,000
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 11_000);
            running.lost(a2);
            CycleRecord b3 = b(3, 2 * DAY + HOUR, 8_000);
            running.run(b(2, DAY + 2 * HOUR, 8_000), b3);        // 19,000: 9.5%: PAUSED; the next day: resumed
            RiskStore risk = new RiskStore(store);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.PAUSED, BreakerState.ACTIVE);

            Kernelish again = restarted(store, settings, a1, b3);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).as("both made again: kept").hasSize(2);
            assertThat(again.engine().lastTransitions().get(RiskEngine.PORTFOLIO).cause())
                    .isEqualTo("resumed at the start of a new day");
            again.run(a2);
            assertThat(again.portfolio()).as("19,000 is the peak since the resume").isEqualTo(BreakerState.ACTIVE);
            afterRestart(running, again, a(3, 2 * DAY + 2 * HOUR, 10_000));   // 18,000: 5.3% from 19,000
            assertThat(again.portfolio()).isEqualTo(running.portfolio()).isEqualTo(BreakerState.REDUCING);
        }
    }

    /**
     * A second crash right after the restart: the lost cycle lost again, b's next cycle stored after it. The second
     * restart applies again the first process's stored cycles after the state and the second's, in update order.
     */
    @Test
    void after_a_second_crash_the_stored_cycles_of_both_processes_are_applied_again() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("twice"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            Kernelish running = startedWith(store, settings, a1);
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 10_000);
            running.lost(a2);
            running.run(b(2, DAY + 2 * HOUR, 12_000));           // peak 22,000

            Kernelish again = restarted(store, settings, a1, b(2, DAY + 2 * HOUR, 12_000));
            again.lost(a2);                                      // lost again
            CycleRecord b3 = b(3, DAY + 3 * HOUR, 10_800);
            again.run(b3);                                       // 20,800: 5.5% from 22,000
            running.engine().observe(b3);
            assertThat(again.portfolio()).isEqualTo(running.portfolio()).isEqualTo(BreakerState.REDUCING);

            Kernelish third = restarted(store, settings, a1, b3);
            assertThat(third.portfolio()).as("restarted twice").isEqualTo(BreakerState.REDUCING);
            third.run(a2);
            afterRestart(running, third, a(3, DAY + 4 * HOUR, 9_400));   // 20,200: 8.2% from 22,000
            assertThat(third.portfolio()).isEqualTo(running.portfolio()).isEqualTo(BreakerState.PAUSED);
        }
    }

    /**
     * A stored cycle's transition that its sum owed to a lost cycle: with resumption after one cycle, lost a2 PAUSED
     * the breaker and stored b2 resumed it. The replay, without a2, makes no move at b2: the resume goes with a2's
     * pause, and a2 records its own when it runs again.
     */
    @Test
    void a_stored_cycles_transition_the_replay_does_not_make_again_is_deleted() {
        RiskSettings settings = drawdown(0.5, 1);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("not-again"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 21,000
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 9_000);
            running.lost(a2);                                    // 19,000: 9.5%: PAUSED
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 10_000);
            running.run(b2);                                     // paused one cycle: resumed
            RiskStore risk = new RiskStore(store);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.PAUSED, BreakerState.ACTIVE);

            Kernelish again = restarted(store, settings, a1, b2);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).as("no resume without its pause").isEmpty();
            assertThat(again.engine().lastTransitions()).doesNotContainKey(RiskEngine.PORTFOLIO);
            again.run(a2);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.PAUSED);
        }
    }

    /**
     * The other way round: lost a2 raised the peak, so stored b2's drop stayed under 5% of it. The replay, without a2,
     * measures b2 from the lower peak and moves to REDUCING: recorded at the restart, with b2's update.
     */
    @Test
    void a_move_the_replay_makes_that_was_not_recorded_is_recorded() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("made-again"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 20,000
            running.lost(a(2, DAY + 2 * HOUR, 12_000));          // peak 22,000
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 8_950);
            running.run(b2);                                     // 20,950: 4.8% from 22,000
            assertThat(running.portfolio()).isEqualTo(BreakerState.ACTIVE);

            Kernelish again = restarted(store, settings, a1, b2);
            assertThat(again.portfolio()).as("18,950: 5.3% from 20,000").isEqualTo(BreakerState.REDUCING);
            assertThat(new RiskStore(store).transitions(RiskEngine.PORTFOLIO)).singleElement()
                    .satisfies(t -> assertThat(t.to()).isEqualTo(BreakerState.REDUCING));
            assertThat(again.engine().lastTransitions().get(RiskEngine.PORTFOLIO).to())
                    .isEqualTo(BreakerState.REDUCING);
        }
    }

    /**
     * A move the restart records (b2's PAUSED, where the running breaker, summing lost a2, HALTED) is recorded after
     * the reset that came after it; the transitions still read in the order they happened, the reset last.
     */
    @Test
    void a_move_recorded_at_the_restart_reads_before_a_reset_that_came_after_it() {
        RiskSettings settings = drawdown(0.12, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("order-of-moves"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 21,000
            running.lost(a(2, DAY + 2 * HOUR, 10_000));
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 8_000);
            running.run(b2);                                 // 18,000: 14.3%: HALTED
            assertThat(running.engine().reset(RiskEngine.PORTFOLIO, "checked")).isPresent();

            Kernelish again = restarted(store, settings, a1, b2);   // b2 again: 19,000, 9.5%: PAUSED, then the reset
            RiskStore risk = new RiskStore(store);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).extracting(BreakerTransition::to)
                    .containsExactly(BreakerState.PAUSED, BreakerState.ACTIVE);
            assertThat(risk.lastTransition(RiskEngine.PORTFOLIO, null)).get()
                    .extracting(BreakerTransition::cause).isEqualTo("reset: checked");
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
        }
    }

    /**
     * A manual reset between two stored cycles after the stored state is applied again between them, not after both:
     * the peak restarts at the equity of the reset, 18,000, not at b3's lower 17,500.
     */
    @Test
    void a_manual_reset_between_stored_cycles_after_the_stored_state_is_applied_again_in_its_place() {
        RiskSettings settings = drawdown(0.12, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("reset-between"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 21,000
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 11_000);
            running.lost(a2);
            running.run(b(2, DAY + 2 * HOUR, 7_000));        // 18,000: 14.3% from 21,000: HALTED
            assertThat(running.engine().reset(RiskEngine.PORTFOLIO, "checked")).isPresent();   // peak 18,000
            CycleRecord b3 = b(3, DAY + 3 * HOUR, 6_500);
            running.run(b3);                                 // 17,500: 2.8% from 18,000

            Kernelish again = restarted(store, settings, a1, b3);
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
            assertThat(new RiskStore(store).transitions(RiskEngine.PORTFOLIO)).as("b2's halt and the reset kept")
                    .extracting(BreakerTransition::to).containsExactly(BreakerState.HALTED, BreakerState.ACTIVE);
            again.run(a2);
            afterRestart(running, again, a(3, DAY + 4 * HOUR, 10_000));   // 16,500: 8.3% from 18,000

            assertThat(running.portfolio()).isEqualTo(BreakerState.PAUSED);
            assertThat(again.portfolio()).as("restarted: not 5.7% from 17,500").isEqualTo(BreakerState.PAUSED);
        }
    }

    /**
     * The same order of events in paper mode, where the cycle that runs again is the same: the restarted breaker counts
     * it once, not twice. b's stored cycle after it does not run again: the restart applies it again, but before a's
     * (which runs again after the restart), so the breaker is not PAUSED yet at b2 and does not count it. It waits one
     * cycle longer than a breaker that never stopped: the safe side.
     */
    @Test
    void a_cycle_that_runs_again_is_not_counted_twice_as_a_paused_cycle() {
        RiskSettings settings = drawdown(0.5, 2);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("paused-order"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            CycleRecord b1 = b(1, DAY + HOUR, 10_000);
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 9_000);   // 19,000: 9.5% from 21,000: PAUSED
            CycleRecord b2 = b(2, DAY + 2 * HOUR, 10_000);  // paused 1
            running.run(a1, b1);
            running.lost(a2);
            running.run(b2);
            assertThat(running.portfolio()).isEqualTo(BreakerState.PAUSED);

            Kernelish again = restarted(store, settings, a1, b2);
            again.run(a2);   // runs again, the same (the paper venue's journal answers with the same fill)
            assertThat(again.engine().effectiveState("b")).isEqualTo(running.engine().effectiveState("b"))
                    .isEqualTo(BreakerState.PAUSED);
            CycleRecord a3 = a(3, DAY + 3 * HOUR, 9_000);
            afterRestart(running, again, a3);
            assertThat(running.portfolio()).as("resumed after its second cycle paused").isEqualTo(BreakerState.ACTIVE);
            assertThat(again.portfolio()).as("restarted: b2 not counted").isEqualTo(BreakerState.PAUSED);
            again.run(b(3, DAY + 3 * HOUR, 10_000));
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
        }
    }

    @Test
    void a_lost_cycles_portfolio_transition_is_deleted_at_the_restart_and_recorded_again_when_it_runs_again() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("orphan"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 9_000);
            running.lost(a2);   // PAUSED: the transition is recorded at once, the cycle never
            RiskStore risk = new RiskStore(store);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).hasSize(1);

            Kernelish again = restarted(store, settings, a1, B1);
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
            assertThat(again.engine().lastTransitions()).doesNotContainKey(RiskEngine.PORTFOLIO);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).isEmpty();
            again.run(a2);
            assertThat(risk.transitions(RiskEngine.PORTFOLIO)).singleElement()
                    .satisfies(t -> assertThat(t.to()).isEqualTo(BreakerState.PAUSED));
        }
    }

    @Test
    void a_torn_cycle_deleted_at_the_restart_takes_the_stored_state_with_it() {
        RiskSettings settings = drawdown(0.5, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("torn"))) {
            Kernelish running = kernel(store, settings, "rb");
            CycleRecord a1 = a(1, DAY + HOUR, 10_000);
            CycleRecord b1 = b(1, DAY + HOUR, 10_000);
            running.run(a1, b1, a(2, DAY + 2 * HOUR, 12_000));   // peak 22,000, stored with a2
            // the tear TornCycles repairs: a2's portfolio row missing
            store.jdbi().useHandle(h -> h.execute("DELETE FROM portfolio_snapshots WHERE compose_id = 'ra-2'"));
            assertThat(TornCycles.repair(store.jdbi(), "ra")).isEqualTo(1);

            Kernelish again = restarted(store, settings, a1, b1);
            for (CycleRecord next : List.of(a(2, DAY + 2 * HOUR, 10_500), a(3, DAY + 3 * HOUR, 9_000))) {
                again.run(next);
            }
            assertThat(again.portfolio()).as("19,000 is 7.3% from 20,500, not 13.6% from a deleted cycle's 22,000")
                    .isEqualTo(BreakerState.REDUCING);
        }
    }

    @Test
    void the_states_of_records_that_cannot_be_stored_are_not_kept() {
        JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("down"));
        RiskEngine engine = new RiskEngine(drawdown(0.5, 0), new KillSwitch(null), new RiskStore(store));
        engine.register("a", "ra", 10_000);
        HistoryWriter<CycleRecord> history = HistoryWriter.cycles(new PortfolioStateSink(store, engine));
        store.close();   // the database goes away
        for (int i = 1; i <= 1000; i++) {
            CycleRecord c = a(i, DAY + i * HOUR, 10_000);
            engine.observe(c);
            history.submit(c);
        }
        assertThatThrownBy(history::close).isInstanceOf(HistoryWriteException.class);
        assertThat(engine.keepPortfolioState().unstored()).isZero();
        CycleRecord unqueued = a(1001, DAY + 1001 * HOUR, 10_000);
        engine.observe(unqueued);
        engine.notStored(unqueued.runId(), unqueued.sequence());   // as a strategy verticle does when the history refuses it
        assertThat(engine.keepPortfolioState().unstored()).isZero();
    }

    /**
     * A reset while a cycle's record is still queued, then a crash before it commits: the reset is not stored with a
     * state that sums that cycle. The restart applies the reset again to the state of the stored cycles, and the lost
     * cycle runs again after it.
     */
    @Test
    void a_reset_while_a_lost_cycle_was_queued_is_applied_again_to_the_stored_cycles_state() {
        RiskSettings settings = drawdown(0.12, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("reset-queued"))) {
            CycleRecord a1 = a(1, DAY + HOUR, 11_000);
            Kernelish running = startedWith(store, settings, a1);   // peak 21,000
            running.lost(a(2, DAY + 2 * HOUR, 8_000));        // 18,000: HALTED; its record never commits
            assertThat(running.engine().reset(RiskEngine.PORTFOLIO, "checked")).isPresent();   // peak 18,000
            assertThat(new RiskStore(store).lastPortfolioState()).get().extracting(PortfolioBreakerState::composeId)
                    .as("not the reset's, which sums a2").isEqualTo("rb-1");

            Kernelish again = restarted(store, settings, a1, B1);
            assertThat(again.portfolio()).isEqualTo(BreakerState.ACTIVE);
            assertThat(again.engine().lastTransitions().get(RiskEngine.PORTFOLIO).cause()).isEqualTo("reset: checked");
            again.run(a(2, DAY + 2 * HOUR, 9_500));   // runs again: 19,500 is 7.1% from the stored cycles' 21,000
            assertThat(again.portfolio()).isEqualTo(BreakerState.REDUCING);
        }
    }

    /**
     * After a torn-cycle repair deleted the stored state, the next process counts its updates on from the highest
     * transition's, so a later restart does not take the earlier process's transitions for its own lost ones.
     */
    @Test
    void the_update_count_goes_on_from_the_transitions_when_no_state_is_stored() {
        RiskSettings settings = drawdown(0.12, 0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("count"))) {
            Kernelish first = kernel(store, settings, "rb");
            CycleRecord b1 = b(1, DAY + HOUR, 10_000);
            CycleRecord a2 = a(2, DAY + 2 * HOUR, 8_000);
            first.run(a(1, DAY + HOUR, 11_000), b1, a2);   // HALTED at update 3
            store.jdbi().useHandle(h -> h.execute("DELETE FROM portfolio_breaker_states"));   // as TornCycles.repair

            Kernelish second = restarted(store, settings, a2, b1);
            assertThat(second.portfolio()).as("the last transition's state").isEqualTo(BreakerState.HALTED);
            CycleRecord a3 = a(3, DAY + 3 * HOUR, 8_000);
            second.run(a3);
            assertThat(new RiskStore(store).lastPortfolioState()).get().extracting(PortfolioBreakerState::update)
                    .isEqualTo(4L);

            Kernelish third = restarted(store, settings, a3, b1);
            assertThat(third.portfolio()).isEqualTo(BreakerState.HALTED);
            assertThat(new RiskStore(store).transitions(RiskEngine.PORTFOLIO)).as("the halt of update 3 kept")
                    .extracting(BreakerTransition::to).containsExactly(BreakerState.HALTED);
        }
    }

    /**
     * A cycle the risk engine followed but whose record could not be built (a gateway returned a null result): the
     * strategy verticle tells the engine, and the states of the cycles after it are stored as before.
     */
    @Test
    void a_cycle_whose_record_cannot_be_built_does_not_hold_back_the_states_after_it() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("unbuilt"))) {
            RiskEngine engine = new RiskEngine(drawdown(0.5, 0), new KillSwitch(null), new RiskStore(store));
            engine.register("test", "run", 100_000);
            PortfolioStateSink sink = new PortfolioStateSink(store, engine);
            ExecutionGateway gateway = new ExecutionGateway() {
                @Override
                public String id() {
                    return "gw";
                }

                @Override
                public CompletionStage<List<TxResult>> submit(List<TradeInstruction> orders, MarketWindow market) {
                    return CompletableFuture.completedFuture(List.of());
                }

                @Override
                public List<TxResult> onBar(Candle bar) {
                    return bar.ts() == 3 * DAY ? Arrays.asList((TxResult) null) : List.of();
                }
            };
            DecisionComposer composer = new DecisionComposer() {
                @Override
                public String id() {
                    return "test-composer";
                }

                @Override
                public ComposeResult compose(ComposeContext c) {
                    return ComposeResult.noop("");
                }
            };
            CycleCoordinator c = new CycleCoordinator(new StrategyInfo("test", "run", "paper", List.of("ACME")),
                    new StrategyComponents(new CloseOnlyPipeline(0), composer, gateway, Guardrails.defaults(),
                            List.of(engine.listenerFor("test")),
                            List.of(new ComponentVersion("composer", "test-composer", "builtin", "builtin", ""))),
                    new LedgerPortfolio("test", new BigDecimal("100000"), FREE), new DigestTracker(252),
                    Map.of("ACME", Instrument.of("ACME")), 16, Duration.ofSeconds(1));
            int failed = 0;
            for (int day = 1; day <= 10; day++) {
                try {   // as StrategyVerticle.runCycle does
                    sink.writeCycles(List.of(c.runCycle(List.of(new Candle("ACME", day * DAY, 100, 110, 90, 100,
                            1000)))));
                } catch (RuntimeException e) {
                    engine.notStored("run", c.sequence());
                    failed++;
                }
            }
            assertThat(failed).as("day 3's record").isEqualTo(1);
            assertThat(new RiskStore(store).lastPortfolioState()).get().extracting(PortfolioBreakerState::update)
                    .isEqualTo(10L);
        }
    }
}
