package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long DAY = 86_400_000L;
    private static final BreakerLimits LIMITS = new BreakerLimits(0.05, 0.10, 0.20, 0.5, 0.5, 0.5, 2);

    @Test
    void drawdown_moves_the_breaker_through_reducing_paused_and_halted_each_with_its_cause() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);
        assertThat(b.update("r", 1, 100)).isEmpty();
        Optional<BreakerTransition> reducing = b.update("r", 2, 94);
        assertThat(reducing).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(BreakerState.ACTIVE);
            assertThat(t.to()).isEqualTo(BreakerState.REDUCING);
            assertThat(t.cause()).contains("drawdown 6.00%").contains("REDUCING");
        });
        assertThat(b.update("r", 3, 89).orElseThrow().to()).isEqualTo(BreakerState.PAUSED);
        assertThat(b.update("r", 4, 79).orElseThrow().to()).isEqualTo(BreakerState.HALTED);
        assertThat(b.update("r", 5, 120)).as("halted stays halted").isEmpty();
        assertThat(b.reset("r", 6, "operator checked").orElseThrow().cause()).isEqualTo("reset: operator checked");
        assertThat(b.state()).isEqualTo(BreakerState.ACTIVE);
    }

    @Test
    void an_unmoved_equity_after_an_active_update_stays_active_and_a_later_loss_still_moves_the_breaker() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);
        assertThat(b.update("r", DAY, 100)).isEmpty();
        assertThat(b.update("r", 2 * DAY, 97)).isEmpty();          // 3% down: ACTIVE
        assertThat(b.update("r", 2 * DAY + 1, 97)).isEmpty();      // unmoved, same day
        assertThat(b.update("r", 3 * DAY, 97)).isEmpty();          // unmoved, a new day that starts at 97
        assertThat(b.dayStart()).isEqualTo(97);
        assertThat(b.drawdown()).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(b.update("r", 3 * DAY + 1, 94).orElseThrow().to()).isEqualTo(BreakerState.REDUCING);
        assertThat(b.update("r", 3 * DAY + 2, 94)).as("unmoved while REDUCING").isEmpty();
        assertThat(b.state()).isEqualTo(BreakerState.REDUCING);
    }

    @Test
    void a_restore_with_a_higher_recorded_peak_is_measured_at_the_next_update_even_at_the_same_equity() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);
        assertThat(b.update("r", DAY, 100)).isEmpty();             // ACTIVE at the ACTIVE level
        b.restore(BreakerState.ACTIVE, 200, 100);                  // the recorded peak: 50% down
        assertThat(b.update("r", DAY + 1, 100).orElseThrow().to()).isEqualTo(BreakerState.HALTED);
    }

    @Test
    void reducing_falls_back_to_active_when_the_loss_recovers() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);
        b.update("r", 1, 100);
        b.update("r", 2, 94);
        assertThat(b.update("r", 3, 99).orElseThrow().to()).isEqualTo(BreakerState.ACTIVE);
    }

    @Test
    void paused_resumes_after_the_configured_number_of_cycles_with_the_peak_reset() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);
        b.update("r", 1, 100);
        assertThat(b.update("r", 2, 88).orElseThrow().to()).isEqualTo(BreakerState.PAUSED);
        assertThat(b.update("r", 3, 88)).isEmpty();
        BreakerTransition resumed = b.update("r", 4, 88).orElseThrow();
        assertThat(resumed.to()).isEqualTo(BreakerState.ACTIVE);
        assertThat(resumed.cause()).contains("resumed after 2 cycles");
        assertThat(b.drawdown()).isZero();
    }

    @Test
    void paused_by_default_resumes_at_the_next_day_and_daily_loss_counts_from_the_day_start() {
        CircuitBreaker b = new CircuitBreaker("s", new BreakerLimits(0.5, 0.5, 0.9, 0.02, 0.04, 0.5, 0));
        b.update("r", DAY, 100);
        assertThat(b.update("r", DAY + 1, 97.5).orElseThrow().cause()).contains("daily loss 2.50%");
        assertThat(b.update("r", DAY + 2, 95).orElseThrow().to()).isEqualTo(BreakerState.PAUSED);
        assertThat(b.update("r", DAY + 3, 95)).isEmpty();
        assertThat(b.update("r", 2 * DAY, 95).orElseThrow().cause()).contains("new day");
    }

    @Test
    void a_day_is_a_utc_calendar_day_before_1970_and_across_gaps() {
        for (long day : new long[] {-3 * DAY, 40 * DAY}) {
            CircuitBreaker b = new CircuitBreaker("s", new BreakerLimits(0.5, 0.5, 0.9, 0.02, 0.5, 0.9, 0));
            b.update("r", day + 5_000, 100);
            b.update("r", day + 6_000, 99);
            // the day's last millisecond still counts from 100 (2.1% down: REDUCING); the next starts from 97.9
            assertThat(b.update("r", day + DAY - 1, 97.9).orElseThrow().to()).isEqualTo(BreakerState.REDUCING);
            assertThat(b.update("r", day + DAY, 97.9).orElseThrow().to()).isEqualTo(BreakerState.ACTIVE);
            assertThat(b.update("r", day + DAY + 1, 95.5).orElseThrow().to()).isEqualTo(BreakerState.REDUCING);
            assertThat(b.update("r", day + 5 * DAY + 7, 95.5).orElseThrow().to()).isEqualTo(BreakerState.ACTIVE);
        }
    }

    @Test
    void times_at_the_ends_of_the_long_range_are_one_day_each() {
        for (long end : new long[] {Long.MIN_VALUE, Long.MAX_VALUE - 1}) {
            CircuitBreaker b = new CircuitBreaker("s", new BreakerLimits(0.5, 0.5, 0.9, 0.02, 0.5, 0.9, 0));
            b.update("r", end, 100);
            assertThat(b.update("r", end + 1, 97.9).orElseThrow().cause()).contains("daily loss 2.10%");
        }
    }

    private static final BreakerLimits DAILY_PAUSE = new BreakerLimits(0.9, 0.9, 0.95, 0.04, 0.05, 0.9, 0);

    @Test
    void restored_within_the_day_the_daily_loss_still_counts_from_the_day_start() {
        CircuitBreaker b = new CircuitBreaker("s", DAILY_PAUSE);
        b.restore(BreakerState.ACTIVE, 100, 97);
        b.restoreDay(DAY + 2, 100, 0);

        assertThat(b.update("r", DAY + 3, 94.5).orElseThrow().cause()).contains("daily loss 5.50% from 100.00");
    }

    @Test
    void restored_paused_until_the_next_day_it_stays_paused_within_the_day() {
        CircuitBreaker b = new CircuitBreaker("s", DAILY_PAUSE);
        b.restore(BreakerState.PAUSED, 100, 94);
        b.restoreDay(DAY + 2, 100, 1);

        assertThat(b.update("r", DAY + 3, 94)).isEmpty();
        assertThat(b.update("r", 2 * DAY, 94).orElseThrow().cause()).contains("new day");
    }

    @Test
    void restored_paused_for_n_cycles_it_counts_the_cycles_it_already_waited() {
        CircuitBreaker b = new CircuitBreaker("s", LIMITS);   // resumes after 2 cycles
        b.restore(BreakerState.PAUSED, 100, 88);
        b.restoreDay(DAY + 2, 100, 1);

        assertThat(b.update("r", DAY + 3, 88).orElseThrow().cause()).contains("resumed after 2 cycles");
    }
}
