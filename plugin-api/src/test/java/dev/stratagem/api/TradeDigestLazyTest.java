package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TradeDigestLazyTest {

    private static final List<TradeDigestEntry> ENTRIES = List.of(new TradeDigestEntry("ORCL", 3, 12.5, 2.0 / 3, 86_400_000L, 7));

    @Test
    void a_lazy_ratio_is_computed_once_on_first_read_and_equals_the_given_one() {
        AtomicInteger calls = new AtomicInteger();
        TradeDigest lazy = TradeDigest.lazy(7, ENTRIES, () -> {
            calls.incrementAndGet();
            return 1.25;
        });
        assertThat(calls).hasValue(0);
        TradeDigest given = new TradeDigest(7, ENTRIES, 1.25);
        assertThat(lazy).isEqualTo(given).hasSameHashCodeAs(given).hasToString(given.toString());
        assertThat(lazy.sharpe()).isEqualTo(1.25);
        assertThat(calls).hasValue(1);
        assertThat(lazy.tradeCount()).isEqualTo(3);
    }

    @Test
    void a_ratio_that_is_not_finite_reads_as_zero() {
        assertThat(TradeDigest.lazy(0, List.of(), () -> Double.NaN).sharpe()).isZero();
        assertThat(TradeDigest.lazy(0, List.of(), () -> Double.POSITIVE_INFINITY).sharpe()).isZero();
    }
}
