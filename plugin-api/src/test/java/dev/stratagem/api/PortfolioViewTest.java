package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioViewTest {

    private static final PositionSnapshot ORCL = new PositionSnapshot("ORCL", -5, 10, 12, -10, 1);

    private static PortfolioView view(double equity, double gross, List<PositionSnapshot> positions) {
        return new PortfolioView(0, equity, equity, gross, 0, 0, 0, positions, Constraints.NONE);
    }

    @Test
    void leverage_is_gross_exposure_over_equity() {
        assertThat(view(1_000, 500, List.of()).leverage()).isEqualTo(0.5);
    }

    @Test
    void leverage_is_zero_without_exposure_even_at_zero_equity() {
        assertThat(view(0, 0, List.of()).leverage()).isZero();
        assertThat(view(-10, 0, List.of()).leverage()).isZero();
    }

    @Test
    void leverage_is_infinite_with_exposure_and_non_positive_equity() {
        assertThat(view(0, 500, List.of()).leverage()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(view(-1, 500, List.of()).leverage()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void quantity_is_the_signed_position_or_zero_when_flat() {
        PortfolioView v = view(1_000, 60, List.of(ORCL));
        assertThat(v.quantity("ORCL")).isEqualTo(-5);
        assertThat(v.quantity("MSFT")).isZero();
        assertThat(v.position("ORCL")).contains(ORCL);
        assertThat(v.position("MSFT")).isEmpty();
    }

    @Test
    void the_position_list_is_copied_and_unmodifiable() {
        List<PositionSnapshot> positions = new ArrayList<>(List.of(ORCL));
        PortfolioView v = view(1_000, 60, positions);
        positions.clear();
        assertThat(v.positions()).containsExactly(ORCL);
        assertThatThrownBy(() -> v.positions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_a_non_finite_cash() {
        assertThatThrownBy(() -> new PortfolioView(0, Double.NaN, 0, 0, 0, 0, 0, List.of(), Constraints.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cash");
    }

    @Test
    void rejects_a_non_finite_equity() {
        assertThatThrownBy(() -> new PortfolioView(0, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, List.of(), Constraints.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equity");
    }

    @Test
    void rejects_a_negative_gross_exposure() {
        assertThatThrownBy(() -> view(0, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grossExposure");
    }

    @Test
    void rejects_a_non_finite_net_exposure() {
        assertThatThrownBy(() -> new PortfolioView(0, 0, 0, 0, Double.NaN, 0, 0, List.of(), Constraints.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("netExposure");
    }

    @Test
    void rejects_a_non_finite_realized_pnl() {
        assertThatThrownBy(() -> new PortfolioView(0, 0, 0, 0, 0, Double.NaN, 0, List.of(), Constraints.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realizedPnl");
    }

    @Test
    void rejects_negative_fees() {
        assertThatThrownBy(() -> new PortfolioView(0, 0, 0, 0, 0, 0, -1, List.of(), Constraints.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fees");
    }

    @Test
    void rejects_null_constraints() {
        assertThatThrownBy(() -> new PortfolioView(0, 0, 0, 0, 0, 0, 0, List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("constraints");
    }
}
