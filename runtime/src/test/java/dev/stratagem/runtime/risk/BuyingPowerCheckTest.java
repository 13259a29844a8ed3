package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.sell;
import static dev.stratagem.runtime.risk.RiskFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import org.junit.jupiter.api.Test;

class BuyingPowerCheckTest {

    private final BuyingPowerCheck check = new BuyingPowerCheck();
    private static final Instrument ORCL = Instrument.of("ORCL");

    private RiskVerdict verdict(Instrument instrument, double price, double cash, TradeInstruction order,
            PositionSnapshot... positions) {
        return check.check(order, single(instrument, price, portfolio(cash, Constraints.NONE, positions)));
    }

    @Test
    void accepts_a_buy_the_cash_pays_for() {
        assertThat(check.id()).isEqualTo("buying-power");
        assertThat(verdict(ORCL, 123.45, 10_000, buy("ORCL", 81))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void clamps_a_buy_to_the_affordable_lots() {
        assertThat(verdict(ORCL, 123.45, 10_000, buy("ORCL", 100))).isEqualTo(RiskVerdict.clamp(81,
                "buy 100 ORCL needs 12,345.00, has 10,000.00: clamped 100 to 81"));
        assertThat(verdict(new Instrument("BTC", 0.001, 0), 30_000, 1_000, buy("BTC", 0.05))).isEqualTo(RiskVerdict.clamp(0.033,
                "buy 0.05 BTC needs 1,500.00, has 1,000.00: clamped 0.05 to 0.033"));
    }

    @Test
    void rejects_a_buy_when_not_one_lot_is_affordable() {
        assertThat(verdict(ORCL, 20_000, 10_000, buy("ORCL", 1))).isEqualTo(RiskVerdict.reject(
                "buy 1 ORCL needs 20,000.00, has 10,000.00: only 0.5 fits, less than one lot of 1"));
        assertThat(verdict(ORCL, 100, -500, buy("ORCL", 1))).isEqualTo(RiskVerdict.reject(
                "buy 1 ORCL needs 100.00, has -500.00: nothing fits"));
    }

    @Test
    void lets_sells_through_without_cash() {
        assertThat(verdict(ORCL, 100, 0, sell("ORCL", 1_000))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void charges_only_the_part_beyond_covering_a_short() {
        PositionSnapshot short50 = position("ORCL", -50, 100);
        assertThat(verdict(ORCL, 100, 0, buy("ORCL", 50), short50)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(ORCL, 100, 0, buy("ORCL", 60), short50)).isEqualTo(RiskVerdict.clamp(50,
                "buy 60 ORCL needs 1,000.00, has 0.00: clamped 60 to 50"));
    }
}
