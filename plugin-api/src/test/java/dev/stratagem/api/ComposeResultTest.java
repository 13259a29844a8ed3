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

    @Test
    void a_lazy_rationale_is_written_once_when_first_read_and_equals_its_text() {
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        TradeInstruction buy = TradeInstruction.buy("ORCL", 100);
        ComposeResult lazy = ComposeResult.lazy(List.of(buy), () -> "cross " + writes.incrementAndGet());
        assertThat(writes).hasValue(0);
        assertThat(lazy.rationale()).isEqualTo("cross 1");
        assertThat(lazy.rationale()).isEqualTo("cross 1");
        assertThat(writes).hasValue(1);
        assertThat(lazy).isEqualTo(ComposeResult.of("cross 1", buy)).hasSameHashCodeAs(ComposeResult.of("cross 1", buy))
                .hasToString(ComposeResult.of("cross 1", buy).toString());
    }

    @Test
    void a_lazy_rationale_that_throws_or_gives_null_still_gives_text() {
        ComposeResult broken = ComposeResult.lazy(List.of(), () -> {
            throw new IllegalStateException("no averages");
        });
        assertThat(broken.rationale()).isEqualTo(
                "(the rationale could not be written: java.lang.IllegalStateException: no averages)");
        assertThat(ComposeResult.lazy(List.of(), () -> null).rationale()).isEmpty();
        ComposeResult error = ComposeResult.lazy(List.of(), () -> {
            throw new NoClassDefFoundError("dev/example/Gone");
        });
        assertThat(error.rationale()).contains("NoClassDefFoundError: dev/example/Gone");
        assertThatThrownBy(() -> ComposeResult.lazy(List.of(), null)).isInstanceOf(NullPointerException.class);
    }
}
