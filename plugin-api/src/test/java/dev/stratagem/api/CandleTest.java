package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandleTest {

    private static Candle candle(double open, double high, double low, double close, double volume) {
        return new Candle("ORCL", 0, open, high, low, close, volume);
    }

    @Test
    void accepts_a_well_formed_bar_including_zero_volume() {
        Candle c = candle(10, 11, 9, 10.5, 0);
        assertThat(c.high()).isEqualTo(11);
        assertThat(c.volume()).isZero();
    }

    @Test
    void accepts_a_flat_bar_where_high_equals_low() {
        assertThat(candle(10, 10, 10, 10, 1).low()).isEqualTo(10);
    }

    @Test
    void rejects_high_below_low_naming_both() {
        assertThatThrownBy(() -> candle(10, 9, 11, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("high")
                .hasMessageContaining("low");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejects_a_non_finite_open_naming_the_field(double bad) {
        assertThatThrownBy(() -> candle(bad, 11, 9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open");
    }

    @Test
    void rejects_a_non_finite_high_naming_the_field() {
        assertThatThrownBy(() -> candle(10, Double.NaN, 9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("high");
    }

    @Test
    void rejects_a_non_finite_low_naming_the_field() {
        assertThatThrownBy(() -> candle(10, 11, Double.NaN, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low");
    }

    @Test
    void rejects_a_non_finite_close_naming_the_field() {
        assertThatThrownBy(() -> candle(10, 11, 9, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1})
    void rejects_a_non_positive_open(double bad) {
        assertThatThrownBy(() -> candle(bad, 11, 9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open must be positive");
    }

    @Test
    void rejects_a_non_positive_low() {
        assertThatThrownBy(() -> candle(10, 11, 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low must be positive");
    }

    @Test
    void rejects_a_non_positive_close() {
        assertThatThrownBy(() -> candle(10, 11, 9, -5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close must be positive");
    }

    @Test
    void rejects_a_negative_volume() {
        assertThatThrownBy(() -> candle(10, 11, 9, 10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume must not be negative");
    }

    @Test
    void rejects_a_NaN_volume() {
        assertThatThrownBy(() -> candle(10, 11, 9, 10, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new Candle(" ", 0, 10, 11, 9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }

    @Test
    void rejects_a_null_symbol() {
        assertThatThrownBy(() -> new Candle(null, 0, 10, 11, 9, 10, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("symbol");
    }
}
