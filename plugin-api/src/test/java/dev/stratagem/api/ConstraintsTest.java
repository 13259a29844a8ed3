package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstraintsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void none_has_no_limits_and_allows_short() {
        assertThat(Constraints.NONE.maxLeverage()).isInfinite();
        assertThat(Constraints.NONE.maxOpenPositions()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Constraints.NONE.allowShort()).isTrue();
    }

    @Test
    void accepts_finite_positive_limits() {
        Constraints c = new Constraints(100, 10_000, 5_000, 2, 3, false);
        assertThat(c.maxPositionQuantity()).isEqualTo(100);
        assertThat(c.allowShort()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.NEGATIVE_INFINITY})
    void rejects_a_max_position_quantity_that_is_not_positive(double bad) {
        assertThatThrownBy(() -> new Constraints(bad, INF, INF, INF, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPositionQuantity");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN})
    void rejects_a_max_position_notional_that_is_not_positive(double bad) {
        assertThatThrownBy(() -> new Constraints(INF, bad, INF, INF, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPositionNotional");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN})
    void rejects_a_max_order_notional_that_is_not_positive(double bad) {
        assertThatThrownBy(() -> new Constraints(INF, INF, bad, INF, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOrderNotional");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN})
    void rejects_a_max_leverage_that_is_not_positive(double bad) {
        assertThatThrownBy(() -> new Constraints(INF, INF, INF, bad, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLeverage");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejects_a_max_open_positions_that_is_not_positive(int bad) {
        assertThatThrownBy(() -> new Constraints(INF, INF, INF, INF, bad, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOpenPositions");
    }
}
