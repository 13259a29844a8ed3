package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.context;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownInstrumentCheckTest {

    private final UnknownInstrumentCheck check = new UnknownInstrumentCheck();

    private static RiskContext withPrice(Map<String, Double> prices) {
        return context(portfolio(10_000, Constraints.NONE), Map.of("ORCL", Instrument.of("ORCL")), prices);
    }

    @Test
    void accepts_a_known_instrument_with_a_price() {
        assertThat(check.id()).isEqualTo("unknown-instrument");
        assertThat(check.check(buy("ORCL", 10), withPrice(Map.of("ORCL", 12.5)))).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void rejects_a_symbol_the_strategy_does_not_trade() {
        assertThat(check.check(buy("MSFT", 10), withPrice(Map.of("ORCL", 12.5, "MSFT", 300.0))))
                .isEqualTo(RiskVerdict.reject("unknown instrument MSFT"));
    }

    @Test
    void rejects_a_known_instrument_without_a_usable_price() {
        RiskVerdict noPrice = RiskVerdict.reject("no price for ORCL");
        assertThat(check.check(buy("ORCL", 10), withPrice(Map.of()))).isEqualTo(noPrice);
        assertThat(check.check(buy("ORCL", 10), withPrice(Map.of("ORCL", Double.NaN)))).isEqualTo(noPrice);
        assertThat(check.check(buy("ORCL", 10), withPrice(Map.of("ORCL", 0.0)))).isEqualTo(noPrice);
        assertThat(check.check(buy("ORCL", 10), withPrice(Map.of("ORCL", Double.POSITIVE_INFINITY)))).isEqualTo(noPrice);
    }
}
