package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeDigestReturnsTest {

    private static final List<TradeDigestEntry> ENTRIES =
            List.of(new TradeDigestEntry("ORCL", 3, 12.5, 2.0 / 3, 86_400_000L, 7));

    @Test
    void a_digest_of_returns_reads_the_sharpe_ratio_of_its_moments_and_equals_the_digest_given_that_ratio() {
        // returns 0.01, 0.03, -0.01: mean 0.01, squared deviations 0 + 0.0004 + 0.0004
        TradeDigest ofReturns = TradeDigest.ofReturns(7, ENTRIES, 3, 0.01, 0.0008, 252);
        double sharpe = 0.01 / Math.sqrt(0.0008 / 2) * Math.sqrt(252);
        assertThat(ofReturns.sharpe()).isCloseTo(7.937, within(0.001)).isEqualTo(sharpe);
        TradeDigest given = new TradeDigest(7, ENTRIES, sharpe);
        assertThat(ofReturns).isEqualTo(given).hasSameHashCodeAs(given).hasToString(given.toString());
        assertThat(ofReturns.tradeCount()).isEqualTo(3);
    }

    @Test
    void too_few_returns_no_variance_or_a_ratio_that_is_not_finite_read_as_zero() {
        assertThat(TradeDigest.ofReturns(0, List.of(), 0, 0, 0, 252).sharpe()).isZero();
        assertThat(TradeDigest.ofReturns(0, List.of(), 1, 0.05, 0, 252).sharpe()).isZero();
        assertThat(TradeDigest.ofReturns(0, List.of(), 5, 0.05, 0, 252).sharpe()).isZero();
        assertThat(TradeDigest.ofReturns(0, List.of(), 5, 0.05, Double.NaN, 252).sharpe()).isZero();
        assertThat(TradeDigest.ofReturns(0, List.of(), 5, Double.POSITIVE_INFINITY, 1, 252).sharpe()).isZero();
        assertThat(TradeDigest.sharpe(5, 0.05, Double.MIN_VALUE, 252)).isZero();   // mean / tiny std overflows
    }

    @Test
    void negative_counts_and_periods_per_year_that_are_not_positive_are_refused() {
        assertThatThrownBy(() -> TradeDigest.ofReturns(0, List.of(), -1, 0, 0, 252))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returns");
        assertThatThrownBy(() -> TradeDigest.ofReturns(0, List.of(), 2, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periodsPerYear");
        assertThatThrownBy(() -> TradeDigest.ofReturns(0, List.of(), 2, 0, 0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periodsPerYear");
        assertThatThrownBy(() -> TradeDigest.ofReturns(0, List.of(), 2, 0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periodsPerYear");
    }
}
