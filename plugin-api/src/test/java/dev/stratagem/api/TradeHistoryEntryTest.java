package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeHistoryEntryTest {

    private static TradeHistoryEntry trade(long exitTs, double exitPrice, String exitId) {
        return new TradeHistoryEntry("sma-1", "ORCL", 10, 1_000, 12, exitTs, exitPrice, 0, 0.5, "c1-0", exitId);
    }

    @Test
    void an_open_trade_has_no_holding_time_and_an_empty_exit_id() {
        TradeHistoryEntry open = trade(0, Double.NaN, null);
        assertThat(open.isOpen()).isTrue();
        assertThat(open.holdingMillis()).isZero();
        assertThat(open.exitInstructionId()).isEmpty();
    }

    @Test
    void a_closed_trade_was_held_from_entry_to_exit() {
        TradeHistoryEntry closed = trade(5_000, 13, "c9-0");
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.holdingMillis()).isEqualTo(4_000);
    }

    @Test
    void rejects_each_invalid_field_by_name() {
        assertThatThrownBy(() -> new TradeHistoryEntry("", "ORCL", 10, 0, 12, 0, Double.NaN, 0, 0, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tradeId");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "", 10, 0, 12, 0, Double.NaN, 0, 0, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "ORCL", Double.NaN, 0, 12, 0, Double.NaN, 0, 0, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "ORCL", 10, 0, 0, 0, Double.NaN, 0, 0, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entryPrice");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "ORCL", 10, 0, 12, 0, Double.NaN, Double.NaN, 0, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realizedPnl");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "ORCL", 10, 0, 12, 0, Double.NaN, 0, -1, "c1-0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fees");
        assertThatThrownBy(() -> new TradeHistoryEntry("t", "ORCL", 10, 0, 12, 0, Double.NaN, 0, 0, " ", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entryInstructionId");
    }
}
