package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The queue's pure parts, driven by a fake clock: rate window, backoff, budget. */
class RateWindowTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void the_request_limit_waits_until_the_oldest_request_leaves_the_window() {
        RateWindow w = new RateWindow(MINUTE, 2, Long.MAX_VALUE);
        w.record(0, 1);
        w.record(10, 1);

        assertThat(w.waitNanos(20, 1)).isEqualTo(MINUTE - 20);
        assertThat(w.waitNanos(MINUTE, 1)).isZero();
        assertThat(w.requestsInWindow(MINUTE)).isEqualTo(1);
    }

    @Test
    void the_token_limit_waits_until_enough_tokens_leave_the_window() {
        RateWindow w = new RateWindow(MINUTE, 100, 1000);
        w.record(0, 600);
        w.record(100, 300);

        assertThat(w.waitNanos(200, 100)).isZero();
        assertThat(w.waitNanos(200, 200)).isEqualTo(MINUTE - 200);
        w.adjust(300, -250); // the second call used 50 tokens, not 300
        assertThat(w.tokensInWindow(300)).isEqualTo(650);
        assertThat(w.waitNanos(300, 300)).isZero();
    }

    @Test
    void a_request_larger_than_the_budget_waits_for_an_empty_window_not_forever() {
        RateWindow w = new RateWindow(MINUTE, 100, 1000);
        w.record(0, 10);
        assertThat(w.waitNanos(5, 5000)).isEqualTo(MINUTE - 5);
        assertThat(w.waitNanos(MINUTE, 5000)).isZero();
    }

    @Test
    void backoff_grows_exponentially_with_jitter_up_to_its_cap() {
        Backoff b = new Backoff(100, 1000, new SplittableRandom(42));
        for (int i = 0; i < 50; i++) {
            assertThat(b.delayNanos(1)).isBetween(50L, 100L);
            assertThat(b.delayNanos(3)).isBetween(200L, 400L);
            assertThat(b.delayNanos(20)).isBetween(500L, 1000L);
        }
    }

    @Test
    void a_budget_counts_cost_exactly_and_says_when_it_is_spent() {
        Budget b = new Budget(Long.MAX_VALUE, new BigDecimal("0.0003"), new BigDecimal("0.0001"));
        for (int i = 0; i < 2; i++) {
            b.charge(1000);
            assertThat(b.exhausted()).isNull();
        }
        b.charge(1000);
        assertThat(b.cost()).isEqualByComparingTo("0.0003");
        assertThat(b.exhausted()).isEqualTo("cost budget spent: 0.0003 of 0.0003");
        Budget tokens = new Budget(100, null, BigDecimal.ZERO);
        tokens.charge(100);
        assertThat(tokens.exhausted()).isEqualTo("token budget spent: 100 of 100");
    }
}
