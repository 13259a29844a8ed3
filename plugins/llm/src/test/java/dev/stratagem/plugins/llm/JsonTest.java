package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void round_trips_objects_arrays_strings_numbers_and_literals() {
        String text = "{\"a\":[1,2.5,-3e2],\"b\":\"x\\\"y\\n\\u00e9\",\"c\":true,\"d\":null,\"e\":{}}";
        Object parsed = Json.parse(text);

        assertThat(parsed).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) parsed).get("b")).isEqualTo("x\"y\né");
        assertThat(Json.write(parsed)).isEqualTo("{\"a\":[1,2.5,-300],\"b\":\"x\\\"y\\n\u00e9\",\"c\":true,\"d\":null,\"e\":{}}");
    }

    @Test
    void writes_doubles_in_plain_notation_and_non_finite_as_null() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", 1.0e-7);
        m.put("y", 100.0);
        m.put("z", Double.NaN);
        m.put("w", Double.POSITIVE_INFINITY);
        assertThat(Json.write(m)).isEqualTo("{\"x\":0.0000001,\"y\":100,\"z\":null,\"w\":null}");
        assertThat(Json.write(List.of(new BigDecimal("1.50")))).isEqualTo("[1.50]");
    }

    @Test
    void rejects_broken_documents_naming_the_offset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).hasMessageContaining("offset 6");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unterminated");
    }
}
