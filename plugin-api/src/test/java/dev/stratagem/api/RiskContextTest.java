package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskContextTest {

    private static final Constraints LIMITS = new Constraints(100, 1e6, 1e5, 2, 5, false);
    private static final PortfolioView PORTFOLIO = new PortfolioView(0, 1_000, 1_000, 0, 0, 0, 0, List.of(), LIMITS);

    @Test
    void price_is_NaN_and_projected_quantity_zero_for_an_unknown_symbol() {
        RiskContext c = new RiskContext(PORTFOLIO, Map.of(), Map.of("ORCL", 12.0), Map.of("ORCL", 5.0), 1_000);
        assertThat(c.price("ORCL")).isEqualTo(12);
        assertThat(c.price("MSFT")).isNaN();
        assertThat(c.projectedQuantity("ORCL")).isEqualTo(5);
        assertThat(c.projectedQuantity("MSFT")).isZero();
        assertThat(c.constraints()).isSameAs(LIMITS);
    }

    @Test
    void the_maps_are_copied() {
        Map<String, Double> prices = new HashMap<>(Map.of("ORCL", 12.0));
        RiskContext c = new RiskContext(PORTFOLIO, Map.of(), prices, Map.of(), 0);
        prices.put("ORCL", 99.0);
        assertThat(c.price("ORCL")).isEqualTo(12);
    }

    @Test
    void rejects_a_null_portfolio() {
        assertThatThrownBy(() -> new RiskContext(null, Map.of(), Map.of(), Map.of(), 0))
                .isInstanceOf(NullPointerException.class).hasMessage("portfolio");
    }
}
