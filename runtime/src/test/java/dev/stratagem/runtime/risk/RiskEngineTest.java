package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.VerdictOutcome;
import dev.stratagem.runtime.analytics.VarMethod;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The risk engine's checks in a real guardrail chain, its breakers, and the kill switch persisted in H2. */
class RiskEngineTest {

    @TempDir
    Path tmp;

    private static final Constraints FREE = new Constraints(NONE, NONE, NONE, NONE, Integer.MAX_VALUE, true);
    private static final Map<String, Instrument> ORCL = Map.of("ORCL", Instrument.of("ORCL"));

    private static Guardrails chain(RiskEngine engine, String strategy) {
        List<dev.stratagem.api.RiskCheck> checks = new ArrayList<>(engine.leadingChecks(strategy));
        checks.addAll(Guardrails.defaults().checks());
        checks.addAll(engine.trailingChecks(strategy));
        return new Guardrails(checks);
    }

    private static List<GuardrailVerdict> evaluate(Guardrails g, PortfolioView p, TradeInstruction... in) {
        List<TradeInstruction> ids = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            ids.add(in[i].withId("c-" + (i + 1)));
        }
        return g.evaluate(ids, p, ORCL, Map.of("ORCL", 10.0), Map.of()).verdicts();
    }

    private static GuardrailVerdict last(List<GuardrailVerdict> v) {
        return v.getLast();
    }

    @Test
    void the_kill_switch_survives_a_restart_and_rejects_every_order_with_its_reason() {
        Path db = tmp.resolve("h");
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            new KillSwitch(new RiskStore(store)).activate("exchange outage", false, "test");
        }
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(db)) {
            KillSwitch ks = new KillSwitch(new RiskStore(store));
            assertThat(ks.active()).isTrue();
            RiskEngine engine = new RiskEngine(RiskSettings.NONE, ks, new RiskStore(store));
            engine.register("s", "r", 10_000);
            GuardrailVerdict v = last(evaluate(chain(engine, "s"), RiskFixtures.portfolio(10_000, FREE),
                    TradeInstruction.buy("ORCL", 10)));
            assertThat(v.check()).isEqualTo(KillSwitchCheck.ID);
            assertThat(v.outcome()).isEqualTo(VerdictOutcome.REJECTED);
            assertThat(v.reason()).isEqualTo("kill switch active: exchange outage");
            ks.deactivate("resolved", "test");
            assertThat(last(evaluate(chain(engine, "s"), RiskFixtures.portfolio(10_000, FREE),
                    TradeInstruction.buy("ORCL", 10))).outcome()).isEqualTo(VerdictOutcome.ACCEPTED);
        }
    }

    @Test
    void flatten_lets_only_reduce_only_closing_orders_through() {
        KillSwitch ks = new KillSwitch(null);
        ks.activate("flatten all", true, "test");
        RiskEngine engine = new RiskEngine(RiskSettings.NONE, ks, null);
        engine.register("s", "r", 10_000);
        PortfolioView p = RiskFixtures.portfolio(9_000, FREE, RiskFixtures.position("ORCL", 100, 10));
        assertThat(last(evaluate(chain(engine, "s"), p, RiskFixtures.reduceOnly(Side.SELL, "ORCL", 100))).outcome())
                .isEqualTo(VerdictOutcome.ACCEPTED);
        assertThat(last(evaluate(chain(engine, "s"), p, TradeInstruction.sell("ORCL", 100))).outcome())
                .isEqualTo(VerdictOutcome.REJECTED);
    }

    @Test
    void a_reducing_breaker_passes_only_reducing_orders_and_records_its_transition_in_h2() {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("b"))) {
            RiskSettings settings = new RiskSettings(BreakerLimits.OFF, Map.of(),
                    new BreakerLimits(0.05, 0.5, 0.9, 0.9, 0.9, 0.9, 0), PortfolioLimits.NONE, Map.of(), VarLimit.NONE);
            RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
            engine.register("s", "r", 10_000);
            engine.observe(RiskEngineCycles.cycle("s", 1, RiskFixtures.portfolio(10_000, FREE)));
            PortfolioView down = RiskFixtures.portfolio(8_500, FREE, RiskFixtures.position("ORCL", 100, 10));
            engine.observe(RiskEngineCycles.cycle("s", 2, down));
            assertThat(engine.states()).containsEntry("s", BreakerState.REDUCING);
            assertThat(new RiskStore(store).transitions("s")).singleElement()
                    .satisfies(t -> assertThat(t.cause()).contains("drawdown"));
            GuardrailVerdict buy = last(evaluate(chain(engine, "s"), down, TradeInstruction.buy("ORCL", 1)));
            assertThat(buy.check()).isEqualTo(CircuitBreakerCheck.ID);
            assertThat(buy.reason()).contains("REDUCING");
            GuardrailVerdict flip = evaluate(chain(engine, "s"), down, TradeInstruction.sell("ORCL", 150)).get(1);
            assertThat(flip.outcome()).isEqualTo(VerdictOutcome.CLAMPED);
            assertThat(flip.quantityAfter()).isEqualTo(100);
        }
    }

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    /** Daily loss: REDUCING at 4%, PAUSED at 5%; resumes after {@code resumeBars} cycles (0: the next day). */
    private static RiskSettings dailyLoss(int resumeBars) {
        return new RiskSettings(BreakerLimits.OFF, Map.of(), new BreakerLimits(0.9, 0.9, 0.95, 0.04, 0.05, 0.9,
                resumeBars), PortfolioLimits.NONE, Map.of(), VarLimit.NONE);
    }

    /** A flat sleeve's cycle: its portfolio stamped with the cycle's time, as the ledger stamps it. */
    private static CycleRecord at(long seq, long ts, double equity) {
        return RiskEngineCycles.cycle("s", seq, ts, new PortfolioView(ts, equity, equity, 0, 0, 0, 0, List.of(), FREE));
    }

    /** Feeds cycles to an engine and records them, as the kernel does. */
    private static void run(JdbiHistoryStore store, RiskEngine engine, CycleRecord... cycles) {
        for (CycleRecord c : cycles) {
            store.writeCycles(List.of(c));
            engine.observe(c);
        }
    }

    /** An engine as a restarted kernel makes it: registered, then restored from the history after {@code last}. */
    private static RiskEngine restarted(JdbiHistoryStore store, RiskSettings settings, CycleRecord last) {
        RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
        engine.register("s", "r", 10_000);
        engine.restore("s", last.portfolioAfter(), last.ts());
        return engine;
    }

    /**
     * Runs {@code before} (then {@code between}, if any, on the running engine), restarts, and feeds {@code next} to
     * the restarted engine and to one that never stopped: their breakers must agree.
     */
    private void restartAgrees(RiskSettings settings, List<CycleRecord> before,
            java.util.function.Consumer<RiskEngine> between, CycleRecord next, BreakerState expected) {
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("restart"))) {
            RiskEngine running = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
            running.register("s", "r", 10_000);
            run(store, running, before.toArray(CycleRecord[]::new));
            between.accept(running);

            RiskEngine again = restarted(store, settings, before.getLast());
            running.observe(next);
            again.observe(next);

            assertThat(running.states()).containsEntry("s", expected);
            assertThat(again.states()).as("restarted").isEqualTo(running.states());
        }
    }

    @Test
    void restarted_within_the_day_a_breaker_keeps_the_days_losses_and_its_pause_from_the_history() {
        RiskSettings settings = dailyLoss(0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("day"))) {
            store.writeCycles(List.of(at(1, DAY - HOUR, 10_000), at(2, DAY + HOUR, 9_900), at(3, DAY + 2 * HOUR, 9_700)));
            RiskEngine first = restarted(store, settings, at(3, DAY + 2 * HOUR, 9_700));

            run(store, first, at(4, DAY + 3 * HOUR, 9_450));   // 5.5% from the day's start (10,000), not 2.6% from 9,700
            assertThat(first.states()).containsEntry("s", BreakerState.PAUSED);

            RiskEngine second = restarted(store, settings, at(4, DAY + 3 * HOUR, 9_450));
            second.observe(at(5, DAY + 4 * HOUR, 9_450));
            assertThat(second.states()).as("paused until the next day, not the next cycle")
                    .containsEntry("s", BreakerState.PAUSED);
            second.observe(at(6, 2 * DAY, 9_450));
            assertThat(second.states()).containsEntry("s", BreakerState.ACTIVE);
        }
    }

    @Test
    void restarted_after_a_failed_cycle_of_the_next_day_a_breaker_paused_until_that_day_resumes_at_its_first_cycle() {
        RiskSettings settings = dailyLoss(0);
        try (JdbiHistoryStore store = JdbiHistoryStore.openFile(tmp.resolve("failed"))) {
            RiskEngine running = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
            running.register("s", "r", 10_000);
            CycleRecord seen = at(2, DAY - HOUR, 9_450);   // 5.5% for the day: PAUSED until the next
            CycleRecord failed = RiskEngineCycles.failed("s", 3, DAY + HOUR / 2);   // no portfolio: no breaker saw it
            run(store, running, at(1, DAY - 2 * HOUR, 10_000), seen, failed);
            assertThat(running.states()).containsEntry("s", BreakerState.PAUSED);

            // as StrategyLauncher restores it: the run's last cycle's time, the last recorded portfolio
            RiskEngine again = new RiskEngine(settings, new KillSwitch(null), new RiskStore(store));
            again.register("s", "r", 10_000);
            again.restore("s", seen.portfolioAfter(), failed.ts());
            CycleRecord next = at(4, DAY + HOUR, 9_450);
            running.observe(next);
            again.observe(next);

            assertThat(running.states()).containsEntry("s", BreakerState.ACTIVE);
            assertThat(again.states()).as("restarted").isEqualTo(running.states());
        }
    }

    @Test
    void restarted_while_paused_for_n_cycles_a_breaker_counts_the_cycles_it_waited() {
        restartAgrees(dailyLoss(2), List.of(at(1, DAY - HOUR, 10_000), at(2, DAY + HOUR, 9_450),
                at(3, DAY + 2 * HOUR, 9_450)), e -> { }, at(4, DAY + 3 * HOUR, 9_450), BreakerState.ACTIVE);
    }

    @Test
    void restarted_after_a_resume_and_a_later_transition_the_day_counts_from_the_resume() {
        // paused, resumed after one cycle (the day restarts at 9,450), then REDUCING at 4.2% from there
        restartAgrees(dailyLoss(1), List.of(at(1, DAY - HOUR, 10_000), at(2, DAY + HOUR, 9_450),
                at(3, DAY + 2 * HOUR, 9_450), at(4, DAY + 3 * HOUR, 9_050)), e -> { }, at(5, DAY + 4 * HOUR, 9_050),
                BreakerState.REDUCING);
    }

    @Test
    void restarted_after_a_manual_reset_out_of_reducing_the_day_counts_from_the_reset() {
        restartAgrees(dailyLoss(0), List.of(at(1, DAY - HOUR, 10_000), at(2, DAY + HOUR, 9_550)),
                e -> assertThat(e.reset("s", "checked")).isPresent(), at(3, DAY + 2 * HOUR, 9_500),
                BreakerState.ACTIVE);
    }

    @Test
    void portfolio_gross_exposure_counts_every_sleeve() {
        RiskSettings settings = new RiskSettings(BreakerLimits.OFF, Map.of(), BreakerLimits.OFF,
                new PortfolioLimits(1_500, NONE, NONE), Map.of(), VarLimit.NONE);
        RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), null);
        engine.register("a", "ra", 10_000);
        engine.register("b", "rb", 10_000);
        engine.observe(RiskEngineCycles.cycle("a", 1,
                RiskFixtures.portfolio(9_000, FREE, RiskFixtures.position("ORCL", 100, 10))));
        PortfolioView b = RiskFixtures.portfolio(10_000, FREE);
        GuardrailVerdict over = last(evaluate(chain(engine, "b"), b, TradeInstruction.buy("ORCL", 60)));
        assertThat(over.check()).isEqualTo(PortfolioLimitCheck.ID);
        assertThat(over.reason()).isEqualTo("portfolio gross exposure would be 1600, over the limit 1500");
        assertThat(last(evaluate(chain(engine, "b"), b, TradeInstruction.buy("ORCL", 50))).outcome())
                .isEqualTo(VerdictOutcome.ACCEPTED);
    }

    @Test
    void the_pre_trade_var_limit_rejects_an_order_that_takes_var_over_the_limit() {
        RiskSettings settings = new RiskSettings(BreakerLimits.OFF, Map.of(), BreakerLimits.OFF, PortfolioLimits.NONE,
                Map.of(), new VarLimit(0.01, 0.95, VarMethod.HISTORICAL, 40));
        RiskEngine engine = new RiskEngine(settings, new KillSwitch(null), null);
        engine.register("s", "r", 10_000);
        double price = 10;
        for (int i = 0; i < 41; i++) {
            price *= i % 2 == 0 ? 1.05 : 0.96;
            engine.observeBars(List.of(new Candle("ORCL", i + 1, price, price, price, price, 1)));
        }
        PortfolioView p = RiskFixtures.portfolio(10_000, FREE);
        GuardrailVerdict big = last(evaluate(chain(engine, "s"), p, TradeInstruction.buy("ORCL", 500)));
        assertThat(big.check()).isEqualTo(VarLimitCheck.ID);
        assertThat(big.reason()).contains("VaR").contains("over the limit 100");
        assertThat(last(evaluate(chain(engine, "s"), p, TradeInstruction.buy("ORCL", 10))).outcome())
                .isEqualTo(VerdictOutcome.ACCEPTED);
    }
}
