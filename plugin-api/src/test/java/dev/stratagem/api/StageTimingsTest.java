package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTimingsTest {

    private static long[] tenSteps() {
        long[] nanos = new long[CycleStep.values().length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = i + 1;
        }
        return nanos;
    }

    @Test
    void there_is_one_timing_per_cycle_step() {
        assertThat(CycleStep.values()).hasSize(10);
    }

    @Test
    void of_reads_a_step_by_ordinal_and_total_sums_them() {
        StageTimings t = new StageTimings(tenSteps());
        assertThat(t.of(CycleStep.PORTFOLIO)).isEqualTo(1);
        assertThat(t.of(CycleStep.DIGEST)).isEqualTo(10);
        assertThat(t.total()).isEqualTo(55);
    }

    @Test
    void mutating_the_array_passed_in_does_not_change_the_timings() {
        long[] nanos = tenSteps();
        StageTimings t = new StageTimings(nanos);
        nanos[0] = 999;
        assertThat(t.of(CycleStep.PORTFOLIO)).isEqualTo(1);
    }

    @Test
    void mutating_the_array_returned_does_not_change_the_timings() {
        StageTimings t = new StageTimings(tenSteps());
        t.nanos()[0] = 999;
        assertThat(t.of(CycleStep.PORTFOLIO)).isEqualTo(1);
    }

    @Test
    void equals_and_hashCode_compare_the_timings_by_value() {
        assertThat(new StageTimings(tenSteps()))
                .isEqualTo(new StageTimings(tenSteps()))
                .hasSameHashCodeAs(new StageTimings(tenSteps()))
                .isNotEqualTo(new StageTimings(new long[10]));
    }

    @Test
    void rejects_a_wrong_number_of_timings_naming_both_counts() {
        assertThatThrownBy(() -> new StageTimings(new long[9]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 10 timings, got 9");
    }
}
