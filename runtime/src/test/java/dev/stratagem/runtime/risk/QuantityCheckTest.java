package dev.stratagem.runtime.risk;

import static dev.stratagem.runtime.risk.RiskFixtures.buy;
import static dev.stratagem.runtime.risk.RiskFixtures.orcl;
import static dev.stratagem.runtime.risk.RiskFixtures.portfolio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import org.junit.jupiter.api.Test;

class QuantityCheckTest {

    private final QuantityCheck check = new QuantityCheck();
    private final RiskContext context = orcl(portfolio(10_000, Constraints.NONE), 10);

    private RiskVerdict verdict(double quantity) {
        return check.check(buy("ORCL", quantity), context);
    }

    @Test
    void accepts_a_positive_finite_quantity() {
        assertThat(check.id()).isEqualTo("quantity");
        assertThat(verdict(10)).isEqualTo(RiskVerdict.ACCEPT);
        assertThat(verdict(0.0001)).isEqualTo(RiskVerdict.ACCEPT);
    }

    @Test
    void rejects_a_NaN_quantity_with_a_reason() {
        assertThat(verdict(Double.NaN)).isEqualTo(RiskVerdict.reject("quantity is NaN"));
    }

    @Test
    void rejects_an_infinite_quantity_with_its_value() {
        assertThat(verdict(Double.POSITIVE_INFINITY)).isEqualTo(RiskVerdict.reject("quantity Infinity is not finite"));
        assertThat(verdict(Double.NEGATIVE_INFINITY)).isEqualTo(RiskVerdict.reject("quantity -Infinity is not finite"));
    }

    @Test
    void rejects_a_zero_or_negative_quantity_with_its_value() {
        assertThat(verdict(0)).isEqualTo(RiskVerdict.reject("quantity 0 is not positive"));
        assertThat(verdict(-0.0)).isEqualTo(RiskVerdict.reject("quantity 0 is not positive"));
        assertThat(verdict(-5)).isEqualTo(RiskVerdict.reject("quantity -5 is not positive"));
        assertThat(verdict(-0.25)).isEqualTo(RiskVerdict.reject("quantity -0.25 is not positive"));
    }
}
