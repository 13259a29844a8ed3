package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void mid_is_halfway_between_bid_and_ask() {
        assertThat(new Quote("ORCL", 0, 10, 11, 1, 1).mid()).isEqualTo(10.5);
    }

    @Test
    void rejects_an_ask_below_the_bid() {
        assertThatThrownBy(() -> new Quote("ORCL", 0, 11, 10, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ask").hasMessageContaining("bid");
    }

    @Test
    void rejects_a_non_positive_bid() {
        assertThatThrownBy(() -> new Quote("ORCL", 0, 0, 10, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bid");
    }

    @Test
    void rejects_a_non_finite_ask() {
        assertThatThrownBy(() -> new Quote("ORCL", 0, 10, Double.NaN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ask");
    }

    @Test
    void rejects_negative_sizes() {
        assertThatThrownBy(() -> new Quote("ORCL", 0, 10, 11, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bidSize");
        assertThatThrownBy(() -> new Quote("ORCL", 0, 10, 11, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("askSize");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new Quote("", 0, 10, 11, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
    }
}
