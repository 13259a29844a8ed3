package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PositionSnapshotTest {

    @Test
    void notional_is_the_absolute_marked_value() {
        PositionSnapshot shortPosition = new PositionSnapshot("ORCL", -5, 10, 12, -10, 1);
        assertThat(shortPosition.notional()).isEqualTo(60);
        assertThat(shortPosition.isLong()).isFalse();
        assertThat(new PositionSnapshot("ORCL", 5, 10, 12, 10, 1).isLong()).isTrue();
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new PositionSnapshot(" ", 1, 10, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
    }

    @Test
    void rejects_a_non_finite_quantity() {
        assertThatThrownBy(() -> new PositionSnapshot("ORCL", Double.NaN, 10, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
    }

    @Test
    void rejects_a_negative_average_price() {
        assertThatThrownBy(() -> new PositionSnapshot("ORCL", 1, -10, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averagePrice");
    }

    @Test
    void rejects_a_negative_mark_price() {
        assertThatThrownBy(() -> new PositionSnapshot("ORCL", 1, 10, -10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("markPrice");
    }

    @Test
    void rejects_a_non_finite_unrealized_pnl() {
        assertThatThrownBy(() -> new PositionSnapshot("ORCL", 1, 10, 10, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unrealizedPnl");
    }
}
