package dev.stratagem.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Which cycles a chart shows: of a run that recorded every cycle, exactly the points asked (or every cycle), the
 * latest always, evenly spread; sparse runs are in {@code CycleBlocksTest}.
 */
class SamplingTest {

    @Property
    void a_run_that_recorded_every_cycle_charts_exactly_the_points_asked_and_always_the_latest(
            @ForAll @LongRange(min = 1, max = 200_000) long last, @ForAll @IntRange(min = 1, max = 5_000) int points) {
        CycleReads.Sampling sampling = CycleReads.Sampling.of(last, points);

        long kept = LongStream.rangeClosed(1, last).filter(sampling::keeps).count();

        assertThat(kept).isEqualTo(Math.min(points, last));
        assertThat(sampling.keeps(last)).isTrue();
    }

    @Test
    void nineteen_cycles_at_ten_points_are_ten_points_not_nineteen() {
        CycleReads.Sampling sampling = CycleReads.Sampling.of(19, 10);

        assertThat(LongStream.rangeClosed(1, 19).filter(sampling::keeps).toArray())
                .containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19);
    }

    @Test
    void a_last_cycle_past_a_multiple_of_the_step_does_not_add_a_point_over_the_asked() {
        CycleReads.Sampling sampling = CycleReads.Sampling.of(1_005, 10);

        assertThat(LongStream.rangeClosed(1, 1_005).filter(sampling::keeps).count()).isEqualTo(10);
    }
}
