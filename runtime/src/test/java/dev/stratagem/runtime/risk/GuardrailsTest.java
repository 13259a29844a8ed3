package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.withIds;
import static dev.stratagem.api.VerdictOutcome.ACCEPTED;
import static dev.stratagem.api.VerdictOutcome.CLAMPED;
import static dev.stratagem.api.VerdictOutcome.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class GuardrailsTest {

    private static final List<String> DEFAULT_ORDER = List.of("unknown-instrument", "quantity", "lot-size",
            "max-notional", "max-position", "max-open-positions", "max-leverage", "buying-power");
    private static final Map<String, Instrument> INSTRUMENTS =
            Map.of("ORCL", Instrument.of("ORCL"), "MSFT", Instrument.of("MSFT"));
    private static final Map<String, Double> PRICES = Map.of("ORCL", 100.0, "MSFT", 100.0);

    private final Guardrails guardrails = Guardrails.defaults();

    private GuardrailsResult evaluate(PortfolioView portfolio, TradeInstruction... instructions) {
        return guardrails.evaluate(withIds(instructions), portfolio, INSTRUMENTS, PRICES, Map.of());
    }

    private static List<String> checksOf(List<GuardrailVerdict> verdicts) {
        return verdicts.stream().map(GuardrailVerdict::check).toList();
    }

    private static RiskCheck check(String id, BiFunction<TradeInstruction, RiskContext, RiskVerdict> body) {
        return new RiskCheck() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
                return body.apply(instruction, context);
            }
        };
    }

    @Test
    void defaults_are_the_eight_checks_in_order() {
        assertThat(guardrails.checks()).extracting(RiskCheck::id).containsExactlyElementsOf(DEFAULT_ORDER);
    }

    @Test
    void no_instructions_give_one_shared_empty_result() {
        PortfolioView portfolio = portfolio(10_000, Constraints.NONE);
        GuardrailsResult first = guardrails.evaluate(List.of(), portfolio, INSTRUMENTS, PRICES, Map.of());
        assertThat(first.accepted()).isEmpty();
        assertThat(first.verdicts()).isEmpty();
        assertThat(guardrails.evaluate(List.of(), portfolio, INSTRUMENTS, PRICES, Map.of())).isSameAs(first);
    }

    @Test
    void an_accepted_instruction_has_one_accept_per_check_in_order() {
        GuardrailsResult result = evaluate(portfolio(10_000, Constraints.NONE), TradeInstruction.buy("ORCL", 10));
        assertThat(result.accepted()).containsExactly(TradeInstruction.buy("ORCL", 10).withId("c1-0"));
        assertThat(checksOf(result.verdicts())).containsExactlyElementsOf(DEFAULT_ORDER);
        assertThat(result.verdicts()).allSatisfy(v -> {
            assertThat(v.instructionId()).isEqualTo("c1-0");
            assertThat(v.outcome()).isEqualTo(ACCEPTED);
            assertThat(v.quantityBefore()).isEqualTo(10);
            assertThat(v.quantityAfter()).isEqualTo(10);
            assertThat(v.reason()).isEmpty();
        });
    }

    @Test
    void a_reject_stops_the_checks_of_that_instruction_only() {
        GuardrailsResult result = evaluate(portfolio(10_000, Constraints.NONE),
                TradeInstruction.buy("IBM", 10), TradeInstruction.buy("ORCL", Double.NaN), TradeInstruction.buy("ORCL", 5));
        assertThat(result.accepted()).extracting(TradeInstruction::id).containsExactly("c1-2");
        assertThat(result.verdicts().get(0))
                .isEqualTo(new GuardrailVerdict("c1-0", "unknown-instrument", REJECTED, 10, 0, "unknown instrument IBM"));
        assertThat(result.verdicts().subList(1, 3)).containsExactly(
                new GuardrailVerdict("c1-1", "unknown-instrument", ACCEPTED, Double.NaN, Double.NaN, ""),
                new GuardrailVerdict("c1-1", "quantity", REJECTED, Double.NaN, 0, "quantity is NaN"));
        assertThat(result.verdicts()).hasSize(3 + DEFAULT_ORDER.size());
    }

    @Test
    void a_clamp_feeds_the_smaller_size_to_the_next_check() {
        PortfolioView portfolio = portfolio(10_000, limits(NONE, NONE, 500, NONE, Integer.MAX_VALUE, true));
        GuardrailsResult result = evaluate(portfolio, TradeInstruction.buy("ORCL", 10.7));
        assertThat(result.accepted()).extracting(TradeInstruction::quantity).containsExactly(5.0);
        assertThat(result.verdicts().get(2))
                .isEqualTo(new GuardrailVerdict("c1-0", "lot-size", CLAMPED, 10.7, 10, "rounded 10.7 down to lot size 1: 10"));
        assertThat(result.verdicts().get(3)).isEqualTo(new GuardrailVerdict("c1-0", "max-notional", CLAMPED, 10, 5,
                "order notional 1,000.00 exceeds max order notional 500.00: clamped 10 to 5"));
        assertThat(result.verdicts().get(4).quantityBefore()).isEqualTo(5);
    }

    @Test
    void two_buys_in_one_cycle_share_the_buying_power() {
        GuardrailsResult result = evaluate(portfolio(10_000, Constraints.NONE),
                TradeInstruction.buy("ORCL", 60), TradeInstruction.buy("MSFT", 60), TradeInstruction.buy("ORCL", 10));
        assertThat(result.accepted()).extracting(TradeInstruction::quantity).containsExactly(60.0, 40.0);
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() != ACCEPTED).containsExactly(
                new GuardrailVerdict("c1-1", "buying-power", CLAMPED, 60, 40,
                        "buy 60 MSFT needs 6,000.00, has 4,000.00: clamped 60 to 40"),
                new GuardrailVerdict("c1-2", "buying-power", REJECTED, 10, 0,
                        "buy 10 ORCL needs 1,000.00, has 0.00: nothing fits"));
    }

    @Test
    void a_sell_earlier_in_the_cycle_frees_cash_for_a_later_buy() {
        PortfolioView portfolio = portfolio(0, Constraints.NONE, position("ORCL", 100, 100));
        GuardrailsResult result = evaluate(portfolio, TradeInstruction.sell("ORCL", 50), TradeInstruction.buy("MSFT", 50));
        assertThat(result.accepted()).hasSize(2);
    }

    @Test
    void later_instructions_see_the_positions_of_earlier_ones() {
        PortfolioView onePosition = portfolio(10_000, limits(NONE, NONE, NONE, NONE, 1, false));
        GuardrailsResult result = evaluate(onePosition,
                TradeInstruction.buy("ORCL", 10), TradeInstruction.buy("MSFT", 10), TradeInstruction.sell("ORCL", 15));
        assertThat(result.accepted()).extracting(TradeInstruction::symbol, TradeInstruction::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ORCL", 10.0), org.assertj.core.groups.Tuple.tuple("ORCL", 10.0));
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() != ACCEPTED).containsExactly(
                new GuardrailVerdict("c1-1", "max-open-positions", REJECTED, 10, 0,
                        "opening MSFT would make 2 open positions, over max open positions 1"),
                new GuardrailVerdict("c1-2", "max-position", CLAMPED, 15, 10,
                        "sell 15 ORCL would take position 10 to -5 and shorting is not allowed: clamped 15 to 10"));
    }

    @Test
    void pending_orders_count_in_the_projected_cash_and_position() {
        PortfolioView portfolio = portfolio(10_000, limits(80, NONE, NONE, NONE, Integer.MAX_VALUE, true));
        GuardrailsResult result = guardrails.evaluate(withIds(TradeInstruction.buy("ORCL", 60), TradeInstruction.buy("MSFT", 60)),
                portfolio, INSTRUMENTS, PRICES, Map.of("ORCL", 50.0));
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() != ACCEPTED).containsExactly(
                new GuardrailVerdict("c1-0", "max-position", CLAMPED, 60, 30,
                        "buy 60 ORCL would take position 50 to 110, over max position quantity 80: clamped 60 to 30"),
                new GuardrailVerdict("c1-1", "buying-power", CLAMPED, 60, 20,
                        "buy 60 MSFT needs 6,000.00, has 2,000.00: clamped 60 to 20"));
    }

    @Test
    void a_pending_order_without_a_price_is_a_broken_contract() {
        assertThatThrownBy(() -> guardrails.evaluate(withIds(TradeInstruction.buy("ORCL", 1)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of("IBM", 5.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pending quantity 5.0 of IBM cannot be projected: needs a finite quantity and a reference price, price is null");
    }

    @Test
    void a_reduce_only_order_passes_even_when_every_limit_is_exhausted() {
        Constraints tight = limits(50, 1_000, NONE, 1, 1, false);
        PortfolioView overLimits = portfolio(-9_900, tight, position("ORCL", 100, 100));
        TradeInstruction close = new TradeInstruction(null, "ORCL", Side.SELL, 100, OrderType.MARKET, Double.NaN, true);
        GuardrailsResult result = evaluate(overLimits, close);
        assertThat(result.accepted()).extracting(TradeInstruction::quantity).containsExactly(100.0);
        assertThat(result.verdicts()).extracting(GuardrailVerdict::outcome).containsOnly(ACCEPTED);
    }

    @Test
    void a_reduce_only_order_that_would_flip_is_clamped_by_max_position() {
        PortfolioView portfolio = portfolio(0, Constraints.NONE, position("ORCL", 100, 100));
        TradeInstruction flip = new TradeInstruction(null, "ORCL", Side.SELL, 150, OrderType.MARKET, Double.NaN, true);
        GuardrailsResult result = evaluate(portfolio, flip);
        assertThat(result.accepted()).extracting(TradeInstruction::quantity).containsExactly(100.0);
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() != ACCEPTED).containsExactly(
                new GuardrailVerdict("c1-0", "max-position", CLAMPED, 150, 100,
                        "reduce-only sell 150 ORCL would take position 100 to -50: clamped 150 to 100"));
    }

    @Test
    void a_throwing_check_fails_closed_and_the_next_instruction_goes_on() {
        RiskCheck boom = check("boom", (instruction, context) -> {
            if (instruction.quantity() == 13) {
                throw new IllegalStateException("kaput");
            }
            return RiskVerdict.ACCEPT;
        });
        Guardrails chain = new Guardrails(List.of(new QuantityCheck(), boom, new BuyingPowerCheck()));
        GuardrailsResult result = chain.evaluate(withIds(TradeInstruction.buy("ORCL", 13), TradeInstruction.buy("ORCL", 5)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of());
        assertThat(result.accepted()).extracting(TradeInstruction::id).containsExactly("c1-1");
        assertThat(result.verdicts()).containsExactly(
                new GuardrailVerdict("c1-0", "quantity", ACCEPTED, 13, 13, ""),
                new GuardrailVerdict("c1-0", "boom", REJECTED, 13, 0, "check boom failed: kaput"),
                new GuardrailVerdict("c1-1", "quantity", ACCEPTED, 5, 5, ""),
                new GuardrailVerdict("c1-1", "boom", ACCEPTED, 5, 5, ""),
                new GuardrailVerdict("c1-1", "buying-power", ACCEPTED, 5, 5, ""));
    }

    @Test
    void a_check_without_a_message_fails_closed_with_the_exception_name() {
        Guardrails chain = new Guardrails(List.of(check("npe", (i, c) -> { throw new NullPointerException(); })));
        GuardrailsResult result = chain.evaluate(withIds(TradeInstruction.buy("ORCL", 1)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of());
        assertThat(result.accepted()).isEmpty();
        assertThat(result.verdicts()).extracting(GuardrailVerdict::reason)
                .containsExactly("check npe failed: java.lang.NullPointerException");
    }

    @Test
    void a_null_verdict_or_an_upward_clamp_fails_closed() {
        Guardrails chain = new Guardrails(List.of(
                check("silent", (i, c) -> i.quantity() == 1 ? null : RiskVerdict.ACCEPT),
                check("greedy", (i, c) -> RiskVerdict.clamp(i.quantity() * 2, "more"))));
        GuardrailsResult result = chain.evaluate(withIds(TradeInstruction.buy("ORCL", 1), TradeInstruction.buy("ORCL", 10)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of());
        assertThat(result.accepted()).isEmpty();
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() == REJECTED).extracting(GuardrailVerdict::reason)
                .containsExactly("check silent failed: returned no verdict", "check greedy failed: clamped up from 10 to 20");
    }

    @Test
    void a_chain_without_the_built_in_checks_still_never_lets_a_bad_size_out() {
        Guardrails chain = new Guardrails(List.of(check("yes", (i, c) -> RiskVerdict.ACCEPT)));
        GuardrailsResult result = chain.evaluate(withIds(TradeInstruction.buy("ORCL", Double.NaN), TradeInstruction.buy("IBM", 1)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of());
        assertThat(result.accepted()).isEmpty();
        assertThat(result.verdicts()).filteredOn(v -> v.outcome() == REJECTED).containsExactly(
                new GuardrailVerdict("c1-0", "guardrails", REJECTED, Double.NaN, 0, "quantity NaN is not a positive number"),
                new GuardrailVerdict("c1-1", "guardrails", REJECTED, 1, 0, "no price for IBM"));
    }

    @Test
    void an_instruction_without_an_id_is_a_broken_contract() {
        assertThatThrownBy(() -> guardrails.evaluate(List.of(TradeInstruction.buy("ORCL", 1)),
                portfolio(10_000, Constraints.NONE), INSTRUMENTS, PRICES, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instruction 0 (ORCL) has no id; ids are assigned before the guardrails run");
    }

    @Test
    void a_check_without_an_id_fails_at_construction() {
        assertThatThrownBy(() -> new Guardrails(List.of(check(" ", (i, c) -> RiskVerdict.ACCEPT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no id");
    }
}
