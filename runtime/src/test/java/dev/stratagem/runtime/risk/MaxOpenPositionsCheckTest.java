package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.NONE;
import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.context;
import static dev.stratagem.runtime.risk.RiskFixtures.limits;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static dev.stratagem.runtime.risk.RiskFixtures.position;
import static dev.stratagem.runtime.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxOpenPositionsCheckTest {

    private final MaxOpenPositionsCheck check = new MaxOpenPositionsCheck();

    private RiskVerdict verdict(int maxOpen, TradeInstruction order) {
        var portfolio = portfolio(10_000, limits(NONE, NONE, NONE, NONE, maxOpen, true),
                position("A", 10, 5), position("B", -5, 5));
        var instruments = Map.of("A", Instrument.of("A"), "B", Instrument.of("B"), "C", Instrument.of("C"));
        return check.check(order, context(portfolio, instruments, Map.of("A", 5.0, "B", 5.0, "C", 5.0)));
    }

    @Test
    void accepts_opening_a_position_below_the_limit() {
        assertThat(check.id()).isEqualTo("max-open-positions");
        assertThat(verdict(3, buy("C", 1))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void rejects_opening_a_position_at_the_limit() {
        assertThat(verdict(2, buy("C", 1))).isEqualTo(RiskVerdict.reject(
                "opening C would make 3 open positions, over max open positions 2"));
        assertThat(verdict(1, sell("C", 1))).isEqualTo(RiskVerdict.reject(
                "opening C would make 3 open positions, over max open positions 1"));
    }

    @Test
    void accepts_trading_a_symbol_already_held() {
        assertThat(verdict(2, buy("A", 1))).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(1, sell("A", 10))).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(1, buy("B", 100))).isEqualTo(RiskVerdict.ACCEPT);
    }
}
