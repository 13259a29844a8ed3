package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RiskVerdictTest {

    @Test
    void the_factories_build_each_kind_of_verdict() {
        assertThat(RiskVerdict.ACCEPT).isInstanceOf(RiskVerdict.Accept.class);
        assertThat(RiskVerdict.clamp(2.5, "max order notional")).isEqualTo(new RiskVerdict.Clamp(2.5, "max order notional"));
        assertThat(RiskVerdict.reject("shorting disabled")).isEqualTo(new RiskVerdict.Reject("shorting disabled"));
    }

    @Test
    void a_verdict_is_a_closed_set_a_switch_covers() {
        RiskVerdict v = RiskVerdict.clamp(1, "why");
        String kind = switch (v) {
            case RiskVerdict.Accept a -> "accept";
            case RiskVerdict.Clamp c -> "clamp " + c.quantity();
            case RiskVerdict.Reject r -> "reject";
        };
        assertThat(kind).isEqualTo("clamp 1.0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void a_clamp_needs_a_positive_finite_quantity(double bad) {
        assertThatThrownBy(() -> RiskVerdict.clamp(bad, "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void a_clamp_needs_a_reason(String blank) {
        assertThatThrownBy(() -> RiskVerdict.clamp(1, blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }

    @Test
    void a_clamp_refuses_a_null_reason() {
        assertThatThrownBy(() -> RiskVerdict.clamp(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("reason");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void a_reject_needs_a_reason(String blank) {
        assertThatThrownBy(() -> RiskVerdict.reject(blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
    }
}
