package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.orcl;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.reduceOnly;
import static dev.stratagem.runtime.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import org.junit.jupiter.api.Test;

class MaxPositionCheckTest {

    private final MaxPositionCheck check = new MaxPositionCheck();
    private static final Constraints MAX_100 = limits(100, NONE, NONE, NONE, Integer.MAX_VALUE, true);
    private static final Constraints NO_SHORT = limits(NONE, NONE, NONE, NONE, Integer.MAX_VALUE, false);

    private RiskVerdict verdict(Constraints limits, double held, TradeInstruction order) {
        PortfolioView portfolio = held == 0
                ? portfolio(10_000, limits)
                : portfolio(10_000, limits, position("ORCL", held, 10));
        return check.check(order, orcl(portfolio, 10));
    }

    @Test
    void accepts_a_position_within_the_limit() {
        assertThat(check.id()).isEqualTo("max-position");
        assertThat(verdict(MAX_100, 40, buy("ORCL", 60))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void clamps_the_part_over_the_max_position_quantity() {
        assertThat(verdict(MAX_100, 40, buy("ORCL", 100))).isEqualTo(RiskVerdict.clamp(60,
                "buy 100 ORCL would take position 40 to 140, over max position quantity 100: clamped 100 to 60"));
    }

    @Test
    void rejects_when_the_position_is_already_at_the_limit() {
        assertThat(verdict(MAX_100, 100, buy("ORCL", 10))).isEqualTo(RiskVerdict.reject(
                "buy 10 ORCL would take position 100 to 110, over max position quantity 100: nothing fits"));
    }

    @Test
    void lets_a_reducing_order_through_even_over_the_limit() {
        assertThat(verdict(MAX_100, 150, sell("ORCL", 20))).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(MAX_100, -150, buy("ORCL", 150))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void lets_a_flip_land_at_most_at_the_limit_on_the_other_side() {
        assertThat(verdict(MAX_100, 40, sell("ORCL", 200))).isEqualTo(RiskVerdict.clamp(140,
                "sell 200 ORCL would take position 40 to -160, over max position quantity 100: clamped 200 to 140"));
    }

    @Test
    void clamps_the_part_over_the_max_position_notional() {
        Constraints notional = limits(NONE, 1_000, NONE, NONE, Integer.MAX_VALUE, true);
        assertThat(verdict(notional, 40, buy("ORCL", 100))).isEqualTo(RiskVerdict.clamp(60,
                "buy 100 ORCL would take position value to 1,400.00, over max position notional 1,000.00: clamped 100 to 60"));
    }

    @Test
    void reports_the_tightest_of_the_two_position_limits() {
        Constraints both = limits(80, 1_000, NONE, NONE, Integer.MAX_VALUE, true);
        assertThat(verdict(both, 40, buy("ORCL", 100))).isEqualTo(RiskVerdict.clamp(40,
                "buy 100 ORCL would take position 40 to 140, over max position quantity 80: clamped 100 to 40"));
    }

    @Test
    void without_shorting_clamps_a_sell_to_the_long_quantity_held() {
        assertThat(verdict(NO_SHORT, 100, sell("ORCL", 150))).isEqualTo(RiskVerdict.clamp(100,
                "sell 150 ORCL would take position 100 to -50 and shorting is not allowed: clamped 150 to 100"));
        assertThat(verdict(NO_SHORT, 100, sell("ORCL", 100))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void without_shorting_rejects_a_sell_when_flat_or_short() {
        assertThat(verdict(NO_SHORT, 0, sell("ORCL", 10))).isEqualTo(RiskVerdict.reject(
                "sell 10 ORCL would take position 0 to -10 and shorting is not allowed"));
        assertThat(verdict(NO_SHORT, -20, sell("ORCL", 10))).isEqualTo(RiskVerdict.reject(
                "sell 10 ORCL would take position -20 to -30 and shorting is not allowed"));
    }

    @Test
    void without_shorting_a_buy_may_still_cover_a_short() {
        assertThat(verdict(NO_SHORT, -20, buy("ORCL", 10))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void keeps_the_clamp_a_lot_multiple_when_the_position_is_not() {
        assertThat(verdict(NO_SHORT, 10.5, sell("ORCL", 20))).isEqualTo(RiskVerdict.clamp(10,
                "sell 20 ORCL would take position 10.5 to -9.5 and shorting is not allowed: clamped 20 to 10"));
    }

    @Test
    void a_reduce_only_order_that_reduces_passes() {
        assertThat(verdict(MAX_100, 100, reduceOnly(Side.SELL, "ORCL", 50))).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(MAX_100, -30, reduceOnly(Side.BUY, "ORCL", 30))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void a_reduce_only_order_that_would_flip_is_clamped_to_flat() {
        assertThat(verdict(Constraints.NONE, 100, reduceOnly(Side.SELL, "ORCL", 150))).isEqualTo(RiskVerdict.clamp(100,
                "reduce-only sell 150 ORCL would take position 100 to -50: clamped 150 to 100"));
    }

    @Test
    void a_reduce_only_order_with_nothing_to_reduce_is_rejected() {
        assertThat(verdict(Constraints.NONE, 0, reduceOnly(Side.BUY, "ORCL", 10))).isEqualTo(RiskVerdict.reject(
                "reduce-only buy 10 ORCL has nothing to reduce (position 0)"));
        assertThat(verdict(Constraints.NONE, 50, reduceOnly(Side.BUY, "ORCL", 10))).isEqualTo(RiskVerdict.reject(
                "reduce-only buy 10 ORCL has nothing to reduce (position 50)"));
    }
}
