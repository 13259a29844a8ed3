package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CycleErrorTest {

    @Test
    void a_bad_return_value_has_an_empty_exception_type() {
        assertThat(new CycleError(CycleStep.DECISION, "composer returned null", null).exceptionType()).isEmpty();
    }

    @Test
    void rejects_a_null_step() {
        assertThatThrownBy(() -> new CycleError(null, "why", ""))
                .isInstanceOf(NullPointerException.class).hasMessage("step");
    }

    @Test
    void rejects_a_blank_reason() {
        assertThatThrownBy(() -> new CycleError(CycleStep.FEATURES, " ", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }
}
