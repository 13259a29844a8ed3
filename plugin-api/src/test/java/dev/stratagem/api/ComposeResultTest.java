package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeResultTest {

    @Test
    void noop_has_no_instructions_and_a_null_rationale_becomes_empty() {
        assertThat(ComposeResult.noop("flat").instructions()).isEmpty();
        assertThat(ComposeResult.noop(null).rationale()).isEmpty();
    }

    @Test
    void of_keeps_the_instructions_in_order() {
        TradeInstruction a = TradeInstruction.buy("ORCL", 1);
        TradeInstruction b = TradeInstruction.sell("MSFT", 2);
        assertThat(ComposeResult.of("cross", a, b).instructions()).containsExactly(a, b);
    }

    @Test
    void the_instruction_list_is_copied() {
        List<TradeInstruction> list = new ArrayList<>(List.of(TradeInstruction.buy("ORCL", 1)));
        ComposeResult r = new ComposeResult(list, "");
        list.clear();
        assertThat(r.instructions()).hasSize(1);
    }

    @Test
    void rejects_a_null_instruction_list() {
        assertThatThrownBy(() -> new ComposeResult(null, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("instructions");
    }
}
