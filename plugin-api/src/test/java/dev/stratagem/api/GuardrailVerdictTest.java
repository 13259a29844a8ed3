package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuardrailVerdictTest {

    @Test
    void an_accept_has_an_empty_reason_when_given_null() {
        assertThat(new GuardrailVerdict("c1-0", "lot-size", VerdictOutcome.ACCEPTED, 1, 1, null).reason()).isEmpty();
    }

    @Test
    void rejects_a_blank_instruction_id() {
        assertThatThrownBy(() -> new GuardrailVerdict("", "lot-size", VerdictOutcome.ACCEPTED, 1, 1, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instructionId");
    }

    @Test
    void rejects_a_blank_check() {
        assertThatThrownBy(() -> new GuardrailVerdict("c1-0", " ", VerdictOutcome.ACCEPTED, 1, 1, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check");
    }

    @Test
    void rejects_a_null_outcome() {
        assertThatThrownBy(() -> new GuardrailVerdict("c1-0", "lot-size", null, 1, 1, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("outcome");
    }
}
