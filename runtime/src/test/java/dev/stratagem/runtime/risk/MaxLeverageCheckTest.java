package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.context;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxLeverageCheckTest {

    private final MaxLeverageCheck check = new MaxLeverageCheck();
    private static final Map<String, Instrument> INSTRUMENTS =
            Map.of("ORCL", Instrument.of("ORCL"), "MSFT", Instrument.of("MSFT"));
    private static final Map<String, Double> PRICES = Map.of("ORCL", 100.0, "MSFT", 150.0);

    private static Constraints leverage(double max) {
        return limits(NONE, NONE, NONE, max, Integer.MAX_VALUE, true);
    }

    private RiskVerdict verdict(TradeInstruction order, double cash, double maxLeverage, PositionSnapshot... positions) {
        PortfolioView portfolio = portfolio(cash, leverage(maxLeverage), positions);
        return check.check(order, context(portfolio, INSTRUMENTS, PRICES));
    }

    @Test
    void accepts_an_order_within_the_leverage() {
        assertThat(check.id()).isEqualTo("max-leverage");
        assertThat(verdict(buy("ORCL", 150), 10_000, 2)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(buy("ORCL", 200), 10_000, 2)).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void clamps_the_part_over_the_max_leverage() {
        assertThat(verdict(buy("ORCL", 300), 10_000, 2)).isEqualTo(RiskVerdict.clamp(200,
                "buy 300 ORCL would take gross exposure to 30,000.00, leverage 3.00 on equity 10,000.00,"
                        + " over max leverage 2: clamped 300 to 200"));
    }

    @Test
    void counts_the_other_positions_in_gross_exposure() {
        assertThat(verdict(buy("ORCL", 100), 5_000, 1, position("MSFT", 100, 150))).isEqualTo(RiskVerdict.clamp(50,
                "buy 100 ORCL would take gross exposure to 25,000.00, leverage 1.25 on equity 20,000.00,"
                        + " over max leverage 1: clamped 100 to 50"));
    }

    @Test
    void values_a_position_without_a_reference_price_at_its_mark() {
        PortfolioView portfolio = portfolio(5_000, leverage(1), position("MSFT", 100, 150));
        RiskContext context = context(portfolio, INSTRUMENTS, Map.of("ORCL", 100.0));
        assertThat(check.check(buy("ORCL", 100), context)).isEqualTo(RiskVerdict.clamp(50,
                "buy 100 ORCL would take gross exposure to 25,000.00, leverage 1.25 on equity 20,000.00,"
                        + " over max leverage 1: clamped 100 to 50"));
    }

    @Test
    void rejects_an_increase_when_a_projected_position_cannot_be_valued() {
        PortfolioView portfolio = portfolio(10_000, leverage(2));
        RiskContext context = new RiskContext(portfolio, INSTRUMENTS, Map.of("ORCL", 100.0), Map.of("XYZ", 5.0), 10_000);
        assertThat(check.check(buy("ORCL", 1), context))
                .isEqualTo(RiskVerdict.reject("no price for XYZ to value gross exposure"));
    }

    @Test
    void rejects_an_increase_when_other_positions_use_all_the_headroom() {
        assertThat(verdict(buy("ORCL", 10), 5_000, 0.5, position("MSFT", 100, 150))).isEqualTo(RiskVerdict.reject(
                "buy 10 ORCL would take gross exposure to 16,000.00, leverage 0.80 on equity 20,000.00,"
                        + " over max leverage 0.5: nothing fits"));
    }

    @Test
    void lets_a_reducing_order_through_over_the_limit() {
        assertThat(verdict(sell("MSFT", 50), 5_000, 0.5, position("MSFT", 100, 150))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void clamps_a_flip_to_flat_when_there_is_no_headroom() {
        assertThat(verdict(sell("ORCL", 50), 3_000, 0.5, position("MSFT", 100, 150), position("ORCL", 20, 100)))
                .isEqualTo(RiskVerdict.clamp(20, "sell 50 ORCL would take gross exposure to 18,000.00, leverage 0.90"
                        + " on equity 20,000.00, over max leverage 0.5: clamped 50 to 20"));
    }

    @Test
    void rejects_an_increase_when_equity_is_not_positive() {
        assertThat(verdict(buy("ORCL", 10), -20_000, 10, position("MSFT", 100, 150))).isEqualTo(RiskVerdict.reject(
                "buy 10 ORCL would add exposure with equity -5,000.00: nothing fits"));
        assertThat(verdict(sell("MSFT", 50), -20_000, 10, position("MSFT", 100, 150))).isEqualTo(RiskVerdict.ACCEPT);
    }
}
