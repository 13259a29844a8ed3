package dev.stratagem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up rule: time-bound, capped, then the measured runs in order. */
class WarmRunsTest {

    @Test
    void an_instant_workload_warms_up_to_the_cap_then_is_measured_in_order() {
        AtomicInteger n = new AtomicInteger();

        WarmRuns<Integer> runs = WarmRuns.of(n::incrementAndGet, 3);

        assertThat(runs.warmups()).isEqualTo(WarmRuns.MAX_WARMUPS);
        assertThat(runs.measured()).containsExactly(WarmRuns.MAX_WARMUPS + 1, WarmRuns.MAX_WARMUPS + 2,
                WarmRuns.MAX_WARMUPS + 3);
        assertThat(runs.first()).isEqualTo(1);
        assertThat(runs.last()).isEqualTo(WarmRuns.MAX_WARMUPS + 3);
    }

    @Test
    void a_slow_workload_still_gets_the_minimum_of_discarded_runs() {
        AtomicInteger n = new AtomicInteger();
        AtomicLong clock = new AtomicLong();

        WarmRuns<Integer> runs = WarmRuns.of(() -> {
            clock.addAndGet(30_000_000);   // each run takes 30 ms
            return n.incrementAndGet();
        }, 1, 20_000_000, clock::get);

        assertThat(runs.warmups()).isEqualTo(2);
        assertThat(runs.measured()).containsExactly(3);
    }

    @Test
    void warms_up_for_at_least_the_time_given() {
        AtomicInteger n = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        long started = clock.get();

        WarmRuns<Integer> runs = WarmRuns.of(() -> {
            clock.addAndGet(5_000_000);    // each run takes 5 ms
            return n.incrementAndGet();
        }, 2, 100_000_000, clock::get);

        assertThat(runs.warmups()).isBetween(WarmRuns.MIN_WARMUPS, 21);
        assertThat(clock.get() - started).isGreaterThanOrEqualTo(100_000_000);
        assertThat(runs.measured()).hasSize(2);
    }
}
