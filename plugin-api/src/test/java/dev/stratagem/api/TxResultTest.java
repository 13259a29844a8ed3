package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TxResultTest {

    private static final TradeInstruction SELL = TradeInstruction.sell("ORCL", 5).withId("c1-0");

    private static TxResult tx(TxStatus status, double quantity, double price) {
        return new TxResult("c1-0", "ORCL", Side.BUY, status, quantity, price, 0, 0, "");
    }

    @Test
    void filled_copies_the_instruction_and_signs_the_quantity() {
        TxResult r = TxResult.filled(SELL, 10, 1.5, 42);
        assertThat(r.instructionId()).isEqualTo("c1-0");
        assertThat(r.status()).isEqualTo(TxStatus.FILLED);
        assertThat(r.filledQuantity()).isEqualTo(5);
        assertThat(r.signedQuantity()).isEqualTo(-5);
        assertThat(r.reason()).isEmpty();
    }

    @Test
    void accepted_carries_no_fill() {
        TxResult r = TxResult.accepted(SELL, 42);
        assertThat(r.filledQuantity()).isZero();
        assertThat(r.signedQuantity()).isZero();
    }

    @Test
    void failed_keeps_the_reason_and_a_null_reason_becomes_empty() {
        assertThat(TxResult.failed(SELL, TxStatus.REJECTED, "no funds", 1).reason()).isEqualTo("no funds");
        assertThat(TxResult.failed(SELL, TxStatus.ERROR, null, 1).reason()).isEmpty();
    }

    @Test
    void filled_needs_an_instruction_with_an_id() {
        assertThatThrownBy(() -> TxResult.filled(TradeInstruction.buy("ORCL", 1), 10, 0, 0))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("instructionId");
    }

    @ParameterizedTest
    @EnumSource(value = TxStatus.class, names = {"FILLED", "PARTIAL"})
    void a_fill_needs_a_positive_quantity(TxStatus status) {
        assertThatThrownBy(() -> tx(status, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(status.name())
                .hasMessageContaining("quantity");
    }

    @ParameterizedTest
    @EnumSource(value = TxStatus.class, names = {"FILLED", "PARTIAL"})
    void a_fill_needs_a_positive_price(TxStatus status) {
        assertThatThrownBy(() -> tx(status, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(status.name())
                .hasMessageContaining("price");
    }

    @ParameterizedTest
    @EnumSource(value = TxStatus.class, names = {"ACCEPTED", "REJECTED", "ERROR"})
    void a_non_fill_cannot_carry_a_filled_quantity(TxStatus status) {
        assertThatThrownBy(() -> tx(status, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(status.name())
                .hasMessageContaining("filled quantity");
    }

    @ParameterizedTest
    @EnumSource(value = TxStatus.class, names = {"ACCEPTED", "REJECTED", "ERROR"})
    void a_non_fill_cannot_carry_a_fill_price(TxStatus status) {
        assertThatThrownBy(() -> tx(status, 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(status.name())
                .hasMessageContaining("price");
    }

    @Test
    void rejects_a_negative_filled_quantity() {
        assertThatThrownBy(() -> tx(TxStatus.REJECTED, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filledQuantity");
    }

    @Test
    void rejects_a_NaN_fill_price() {
        assertThatThrownBy(() -> tx(TxStatus.FILLED, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fillPrice");
    }

    @Test
    void rejects_a_negative_fee() {
        assertThatThrownBy(() -> TxResult.filled(SELL, 10, -0.01, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fee");
    }

    @Test
    void rejects_a_blank_instruction_id() {
        assertThatThrownBy(() -> new TxResult(" ", "ORCL", Side.BUY, TxStatus.ACCEPTED, 0, 0, 0, 0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instructionId");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new TxResult("c1-0", "", Side.BUY, TxStatus.ACCEPTED, 0, 0, 0, 0, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }

    @Test
    void rejects_a_null_side() {
        assertThatThrownBy(() -> new TxResult("c1-0", "ORCL", null, TxStatus.ACCEPTED, 0, 0, 0, 0, ""))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("side");
    }

    @Test
    void rejects_a_null_status() {
        assertThatThrownBy(() -> new TxResult("c1-0", "ORCL", Side.BUY, null, 0, 0, 0, 0, ""))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("status");
    }
}
