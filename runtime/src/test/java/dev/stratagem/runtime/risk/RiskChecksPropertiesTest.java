package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.VerdictOutcome;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the risk engine's checks inside a real guardrail chain. */
class RiskChecksPropertiesTest {

    private static final Constraints FREE = new Constraints(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Integer.MAX_VALUE, true);

    private static PortfolioView holding(int qty) {
        return qty == 0 ? RiskFixtures.portfolio(100_000, FREE)
                : RiskFixtures.portfolio(100_000, FREE, RiskFixtures.position("ORCL", qty, 10));
    }

    @Property(tries = 1000)
    void a_reducing_breaker_never_lets_exposure_grow(@ForAll @IntRange(min = -500, max = 500) int position,
            @ForAll @IntRange(min = 1, max = 1000) int qty, @ForAll boolean buy, @ForAll boolean reduceOnlyFlag) {
        CircuitBreakerCheck check = new CircuitBreakerCheck(() -> BreakerState.REDUCING, () -> "s");
        Guardrails g = new Guardrails(List.of(check));
        TradeInstruction in = new TradeInstruction("c-1", "ORCL", buy ? Side.BUY : Side.SELL, qty,
                dev.stratagem.api.OrderType.MARKET, Double.NaN, reduceOnlyFlag);
        var result = g.evaluate(List.of(in), holding(position), Map.of("ORCL", Instrument.of("ORCL")),
                Map.of("ORCL", 10.0), Map.of());
        for (TradeInstruction passed : result.accepted()) {
            double after = position + passed.signedQuantity();
            assertThat(Math.abs(after)).isLessThanOrEqualTo(Math.abs(position));
        }
    }

    @Property(tries = 500)
    void an_active_kill_switch_rejects_every_order_that_is_not_a_flattening_one(
            @ForAll @IntRange(min = -500, max = 500) int position, @ForAll @IntRange(min = 1, max = 1000) int qty,
            @ForAll boolean buy, @ForAll boolean flatten) {
        KillSwitch ks = new KillSwitch(null);
        ks.activate("test", flatten, "test");
        Guardrails g = new Guardrails(List.of(new KillSwitchCheck(ks)));
        TradeInstruction in = (buy ? TradeInstruction.buy("ORCL", qty) : TradeInstruction.sell("ORCL", qty)).withId("c-1");
        var result = g.evaluate(List.of(in), holding(position), Map.of("ORCL", Instrument.of("ORCL")),
                Map.of("ORCL", 10.0), Map.of());
        assertThat(result.accepted()).isEmpty();
        assertThat(result.verdicts().getFirst().outcome()).isEqualTo(VerdictOutcome.REJECTED);
        assertThat(result.verdicts().getFirst().reason()).isEqualTo("kill switch active: test");
    }
}
