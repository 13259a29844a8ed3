package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RationaleValuesTest {

    @Test
    void renders_each_slot_as_rationale_format_writes_the_number() {
        assertThat(RationaleValues.render("a {} b {} c", 2, i -> i == 0 ? 1.0 / 3 : Double.NaN))
                .isEqualTo("a 0.333333 b NaN c");
        assertThat(RationaleValues.render("no numbers", 0, i -> 0)).isEqualTo("no numbers");
    }

    @Test
    void a_literal_brace_is_written_doubled_and_reads_back_as_one() {
        String name = "sma{10}";
        String pattern = RationaleValues.literal(name) + " {}";
        assertThat(RationaleValues.slots(pattern)).isEqualTo(1);
        assertThat(RationaleValues.render(pattern, 1, i -> 2.5)).isEqualTo("sma{10} 2.5");
        assertThat(RationaleValues.literal("plain")).isEqualTo("plain");
    }

    @Test
    void a_pattern_whose_slots_are_not_its_count_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RationaleValues.render("{} {}", 1, i -> 0))
                .withMessage("the pattern has 2 slots for 1 numbers: {} {}");
        assertThat(RationaleValues.slots("{}{} {{} {")).isEqualTo(2);
    }
}
