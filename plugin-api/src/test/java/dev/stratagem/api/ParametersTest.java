package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static Parameters params(String key, Object value) {
        return Parameters.of(Map.of(key, value));
    }

    @Test
    void absent_keys_give_the_default() {
        assertThat(Parameters.EMPTY.getDouble("fee", 0.1)).isEqualTo(0.1);
        assertThat(Parameters.EMPTY.getInt("fast", 10)).isEqualTo(10);
        assertThat(Parameters.EMPTY.getBoolean("short", true)).isTrue();
        assertThat(Parameters.EMPTY.getString("mode", "next-open")).isEqualTo("next-open");
    }

    @Test
    void getDouble_reads_numbers_and_numeric_strings() {
        assertThat(params("fee", 2).getDouble("fee", 0)).isEqualTo(2);
        assertThat(params("fee", 0.25).getDouble("fee", 0)).isEqualTo(0.25);
        assertThat(params("fee", " 1e-3 ").getDouble("fee", 0)).isEqualTo(0.001);
    }

    @Test
    void getDouble_of_a_non_number_names_the_key_and_the_value() {
        assertThatThrownBy(() -> params("fee", "abc").getDouble("fee", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fee' must be a number, was 'abc'");
    }

    @Test
    void getDouble_of_a_non_finite_value_names_the_key() {
        assertThatThrownBy(() -> params("fee", "NaN").getDouble("fee", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fee' must be finite");
        assertThatThrownBy(() -> params("fee", Double.POSITIVE_INFINITY).getDouble("fee", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fee' must be finite");
    }

    @Test
    void getInt_reads_whole_numbers_in_any_form() {
        assertThat(params("fast", 7).getInt("fast", 0)).isEqualTo(7);
        assertThat(params("fast", 7L).getInt("fast", 0)).isEqualTo(7);
        assertThat(params("fast", 7.0).getInt("fast", 0)).isEqualTo(7);
        assertThat(params("fast", " 7 ").getInt("fast", 0)).isEqualTo(7);
    }

    @Test
    void getInt_of_a_fraction_names_the_key_and_the_value() {
        assertThatThrownBy(() -> params("fast", 2.5).getInt("fast", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fast' must be a whole number, was '2.5'");
    }

    @Test
    void getInt_of_a_non_number_names_the_key() {
        assertThatThrownBy(() -> params("fast", "ten").getInt("fast", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast' must be a whole number");
    }

    @Test
    void getInt_of_a_value_beyond_int_range_names_the_key() {
        assertThatThrownBy(() -> params("fast", 3_000_000_000L).getInt("fast", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast' must be a whole number");
    }

    @Test
    void getInt_of_a_big_decimal_fraction_names_the_key() {
        assertThatThrownBy(() -> params("fast", new BigDecimal("2.5")).getInt("fast", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast' must be a whole number");
    }

    @Test
    void getInt_of_a_big_integer_beyond_long_range_names_the_key() {
        BigInteger huge = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(3));
        assertThatThrownBy(() -> params("fast", huge).getInt("fast", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast' must be a whole number");
    }

    @Test
    void getBoolean_reads_booleans_and_true_false_strings_in_any_case() {
        assertThat(params("short", true).getBoolean("short", false)).isTrue();
        assertThat(params("short", "FALSE").getBoolean("short", true)).isFalse();
        assertThat(params("short", " True ").getBoolean("short", false)).isTrue();
    }

    @Test
    void getBoolean_of_yes_names_the_key_and_the_value() {
        assertThatThrownBy(() -> params("short", "yes").getBoolean("short", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'short' must be true or false, was 'yes'");
    }

    @Test
    void getString_renders_any_value() {
        assertThat(params("fast", 7).getString("fast", "")).isEqualTo("7");
    }

    @Test
    void requireOnly_accepts_known_keys() {
        Parameters p = Parameters.of(Map.of("fast", 10, "slow", 30));
        p.requireOnly("sma-crossover", Set.of("fast", "slow", "size"));
    }

    @Test
    void requireOnly_names_the_unknown_key_the_component_and_the_known_keys() {
        Parameters p = Parameters.of(Map.of("fast", 10, "slwo", 30));
        assertThatThrownBy(() -> p.requireOnly("sma-crossover", Set.of("fast", "slow")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameter 'slwo' for sma-crossover; known: [fast, slow]");
    }

    @Test
    void the_values_are_copied_sorted_and_unmodifiable() {
        Map<String, Object> raw = new HashMap<>(Map.of("b", 1, "a", 2));
        Parameters p = new Parameters(raw);
        raw.put("c", 3);
        assertThat(p.values()).containsOnlyKeys("a", "b");
        assertThat(p.values().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> p.values().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_null_values_map() {
        assertThatThrownBy(() -> new Parameters(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values");
    }
}
