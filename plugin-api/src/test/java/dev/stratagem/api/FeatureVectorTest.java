package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorTest {

    private static FeatureVector vector() {
        return new FeatureVector("ORCL", 7, List.of("sma_10", "sma_30"), new double[] {1.5, Double.NaN});
    }

    @Test
    void mutating_the_array_passed_in_does_not_change_the_vector() {
        double[] values = {1, 2};
        FeatureVector v = new FeatureVector("ORCL", 7, List.of("a", "b"), values);
        values[0] = 99;
        assertThat(v.get("a")).isEqualTo(1);
    }

    @Test
    void mutating_the_array_returned_does_not_change_the_vector() {
        FeatureVector v = vector();
        v.values()[0] = 99;
        assertThat(v.value(0)).isEqualTo(1.5);
    }

    @Test
    void mutating_the_name_list_passed_in_does_not_change_the_vector() {
        List<String> names = new ArrayList<>(List.of("a"));
        FeatureVector v = new FeatureVector("ORCL", 7, names, new double[] {1});
        names.set(0, "z");
        assertThat(v.names()).containsExactly("a");
        assertThatThrownBy(() -> v.names().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equals_and_hashCode_compare_values_not_array_identity() {
        FeatureVector a = vector();
        FeatureVector b = new FeatureVector("ORCL", 7, List.of("sma_10", "sma_30"), new double[] {1.5, Double.NaN});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new FeatureVector("ORCL", 7, List.of("sma_10", "sma_30"), new double[] {1.5, 2}));
        assertThat(a).isNotEqualTo(new FeatureVector("ORCL", 8, List.of("sma_10", "sma_30"), new double[] {1.5, Double.NaN}));
        assertThat(a).isNotEqualTo(new FeatureVector("MSFT", 7, List.of("sma_10", "sma_30"), new double[] {1.5, Double.NaN}));
    }

    @Test
    void get_returns_the_value_of_a_name_including_a_warming_up_NaN() {
        FeatureVector v = vector();
        assertThat(v.get("sma_10")).isEqualTo(1.5);
        assertThat(v.get("sma_30")).isNaN();
        assertThat(v.has("sma_30")).isTrue();
        assertThat(v.has("rsi_14")).isFalse();
    }

    @Test
    void get_of_an_unknown_name_lists_the_names_it_has() {
        assertThatThrownBy(() -> vector().get("rsi_14"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rsi_14")
                .hasMessageContaining("ORCL")
                .hasMessageContaining("[sma_10, sma_30]");
    }

    @Test
    void of_keeps_the_map_iteration_order() {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("z", 1.0);
        features.put("a", 2.0);
        features.put("m", 3.0);
        FeatureVector v = FeatureVector.of("ORCL", 7, features);
        assertThat(v.names()).containsExactly("z", "a", "m");
        assertThat(v.values()).containsExactly(1.0, 2.0, 3.0);
        assertThat(v.asMap()).containsExactlyEntriesOf(features);
    }

    @Test
    void rejects_a_different_number_of_names_and_values() {
        assertThatThrownBy(() -> new FeatureVector("ORCL", 7, List.of("a", "b"), new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 feature names but 1 values")
                .hasMessageContaining("ORCL");
    }

    @Test
    void rejects_a_blank_symbol() {
        assertThatThrownBy(() -> new FeatureVector("", 7, List.of(), new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
    }

    @Test
    void rejects_duplicate_names() {
        assertThatThrownBy(() -> new FeatureVector("ORCL", 7, List.of("a", "a"), new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
    }

    @Test
    void to_string_shows_the_features_by_name() {
        assertThat(vector().toString()).isEqualTo("FeatureVector[ORCL@7 {sma_10=1.5, sma_30=NaN}]");
    }
}
