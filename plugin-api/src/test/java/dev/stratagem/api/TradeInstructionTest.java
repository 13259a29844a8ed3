package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeInstructionTest {

    @Test
    void a_composer_instruction_has_no_id_yet() {
        TradeInstruction i = TradeInstruction.buy("ORCL", 10);
        assertThat(i.id()).isNull();
        assertThat(i.type()).isEqualTo(OrderType.MARKET);
        assertThat(i.limitPrice()).isNaN();
        assertThat(i.reduceOnly()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejects_a_blank_id(String blank) {
        assertThatThrownBy(() -> TradeInstruction.buy("ORCL", 10).withId(blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> TradeInstruction.sell(" ", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }

    @Test
    void rejects_a_null_side() {
        assertThatThrownBy(() -> new TradeInstruction(null, "ORCL", null, 1, OrderType.MARKET, Double.NaN, false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("side");
    }

    @Test
    void rejects_a_null_type() {
        assertThatThrownBy(() -> new TradeInstruction(null, "ORCL", Side.BUY, 1, null, Double.NaN, false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void a_limit_order_needs_a_positive_finite_limit_price(double bad) {
        assertThatThrownBy(() -> new TradeInstruction(null, "ORCL", Side.BUY, 1, OrderType.LIMIT, bad, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limitPrice");
    }

    @Test
    void accepts_a_limit_order_with_a_positive_limit_price() {
        TradeInstruction i = new TradeInstruction(null, "ORCL", Side.BUY, 1, OrderType.LIMIT, 12.5, false);
        assertThat(i.limitPrice()).isEqualTo(12.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -3, Double.NaN, Double.POSITIVE_INFINITY})
    void does_not_validate_the_quantity_because_the_guardrails_reject_it(double quantity) {
        assertThat(TradeInstruction.buy("ORCL", quantity).quantity()).isEqualByComparingTo(quantity);
        assertThat(TradeInstruction.buy("ORCL", 1).withQuantity(quantity).quantity()).isEqualByComparingTo(quantity);
    }

    @Test
    void withId_assigns_the_id_and_keeps_everything_else() {
        TradeInstruction limit = new TradeInstruction(null, "ORCL", Side.SELL, 7, OrderType.LIMIT, 12.5, true);
        assertThat(limit.withId("c1-0"))
                .isEqualTo(new TradeInstruction("c1-0", "ORCL", Side.SELL, 7, OrderType.LIMIT, 12.5, true));
    }

    @Test
    void withQuantity_changes_only_the_quantity() {
        TradeInstruction i = TradeInstruction.buy("ORCL", 10).withId("c1-0");
        assertThat(i.withQuantity(4)).isEqualTo(new TradeInstruction(
                "c1-0", "ORCL", Side.BUY, 4, OrderType.MARKET, Double.NaN, false));
    }

    @Test
    void asReduceOnly_sets_the_flag_and_keeps_everything_else() {
        TradeInstruction i = TradeInstruction.sell("ORCL", 10).withId("c1-0");
        TradeInstruction r = i.asReduceOnly();
        assertThat(r.reduceOnly()).isTrue();
        assertThat(r.withId("c1-0")).isEqualTo(new TradeInstruction(
                "c1-0", "ORCL", Side.SELL, 10, OrderType.MARKET, Double.NaN, true));
        assertThat(i.reduceOnly()).isFalse();
    }

    @Test
    void signed_quantity_is_positive_for_a_buy_and_negative_for_a_sell() {
        assertThat(TradeInstruction.buy("ORCL", 3).signedQuantity()).isEqualTo(3);
        assertThat(TradeInstruction.sell("ORCL", 3).signedQuantity()).isEqualTo(-3);
    }
}
