package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComponentVersionTest {

    @Test
    void a_builtin_has_an_empty_hash_when_given_null() {
        assertThat(new ComponentVersion("composer", "sma", "builtin", "0.1.0", null).sha256()).isEmpty();
    }

    @Test
    void rejects_each_blank_field_by_name() {
        assertThatThrownBy(() -> new ComponentVersion("", "sma", "builtin", "0.1.0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
        assertThatThrownBy(() -> new ComponentVersion("composer", "", "builtin", "0.1.0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("componentId");
        assertThatThrownBy(() -> new ComponentVersion("composer", "sma", " ", "0.1.0", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> new ComponentVersion("composer", "sma", "builtin", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
}
