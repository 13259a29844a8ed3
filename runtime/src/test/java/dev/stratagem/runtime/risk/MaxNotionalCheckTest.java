package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.sell;
import static dev.stratagem.runtime.risk.RiskFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import org.junit.jupiter.api.Test;

class MaxNotionalCheckTest {

    private final MaxNotionalCheck check = new MaxNotionalCheck();

    private RiskVerdict verdict(Instrument instrument, double price, double maxOrderNotional, TradeInstruction order) {
        Constraints limits = limits(NONE, NONE, maxOrderNotional, NONE, Integer.MAX_VALUE, true);
        return check.check(order, single(instrument, price, portfolio(1_000_000, limits, position("ORCL", 500, price))));
    }

    @Test
    void accepts_an_order_within_the_limit() {
        assertThat(check.id()).isEqualTo("max-notional");
        assertThat(verdict(Instrument.of("ORCL"), 200, 10_000, buy("ORCL", 50))).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(Instrument.of("ORCL"), 200, 10_000, buy("ORCL", 30))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void clamps_to_the_largest_lot_multiple_within_the_limit() {
        assertThat(verdict(Instrument.of("ORCL"), 200, 10_000, buy("ORCL", 75))).isEqualTo(RiskVerdict.clamp(50,
                "order notional 15,000.00 exceeds max order notional 10,000.00: clamped 75 to 50"));
        assertThat(verdict(new Instrument("ORCL", 0.001, 0), 30_000, 1_000, buy("ORCL", 0.05))).isEqualTo(RiskVerdict.clamp(0.033,
                "order notional 1,500.00 exceeds max order notional 1,000.00: clamped 0.05 to 0.033"));
    }

    @Test
    void limits_a_reducing_sell_too() {
        assertThat(verdict(Instrument.of("ORCL"), 200, 10_000, sell("ORCL", 75))).isEqualTo(RiskVerdict.clamp(50,
                "order notional 15,000.00 exceeds max order notional 10,000.00: clamped 75 to 50"));
    }

    @Test
    void rejects_when_not_even_one_lot_fits() {
        assertThat(verdict(Instrument.of("ORCL"), 20_000, 10_000, buy("ORCL", 1))).isEqualTo(RiskVerdict.reject(
                "order notional 20,000.00 exceeds max order notional 10,000.00: only 0.5 fits, less than one lot of 1"));
    }

    @Test
    void rejects_when_what_fits_is_below_the_minimum_quantity() {
        assertThat(verdict(new Instrument("ORCL", 1, 10), 200, 1_000, buy("ORCL", 20))).isEqualTo(RiskVerdict.reject(
                "order notional 4,000.00 exceeds max order notional 1,000.00: only 5 fits, below the minimum quantity 10"));
    }
}
