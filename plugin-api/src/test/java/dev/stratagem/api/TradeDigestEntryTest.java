package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeDigestEntryTest {

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new TradeDigestEntry("", 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
    }

    @Test
    void rejects_a_negative_trade_count() {
        assertThatThrownBy(() -> new TradeDigestEntry("ORCL", -1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tradeCount");
    }

    @Test
    void rejects_a_non_finite_realized_pnl() {
        assertThatThrownBy(() -> new TradeDigestEntry("ORCL", 1, Double.NaN, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realizedPnl");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void rejects_a_win_rate_outside_zero_to_one(double bad) {
        assertThatThrownBy(() -> new TradeDigestEntry("ORCL", 1, 0, bad, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("winRate");
    }

    @Test
    void rejects_a_negative_average_holding_time() {
        assertThatThrownBy(() -> new TradeDigestEntry("ORCL", 1, 0, 0, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averageHoldingMillis");
    }
}
