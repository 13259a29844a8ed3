package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstrumentTest {

    @Test
    void of_makes_a_whole_unit_instrument_without_minimum() {
        assertThat(Instrument.of("ORCL")).isEqualTo(new Instrument("ORCL", 1, 0));
    }

    @Test
    void accepts_a_fractional_lot_size() {
        assertThat(new Instrument("BTCUSDT", 0.001, 0.001).lotSize()).isEqualTo(0.001);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejects_a_lot_size_that_is_not_positive_and_finite(double bad) {
        assertThatThrownBy(() -> new Instrument("ORCL", bad, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lotSize");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN})
    void rejects_a_negative_or_NaN_minimum_quantity(double bad) {
        assertThatThrownBy(() -> new Instrument("ORCL", 1, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minQuantity");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> Instrument.of(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }
}
