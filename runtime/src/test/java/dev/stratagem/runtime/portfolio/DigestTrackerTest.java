package dev.stratagem.runtime.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeDigestEntry;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTrackerTest {

    private final DigestTracker tracker = new DigestTracker(252);

    private static TradeHistoryEntry closed(String symbol, long entryTs, long exitTs, double pnl, double fees) {
        return new TradeHistoryEntry("t-" + symbol + exitTs, symbol, 1, entryTs, 10, exitTs, 11, pnl, fees,
                "in", "out");
    }

    @Test
    void sharpe_of_a_tiny_series_matches_the_hand_computation() {
        // returns +10 %, -10 %, +10 %: mean 1/30, sample std 0.2 / sqrt(3), so mean / std = sqrt(3) / 6
        for (double equity : new double[] {100, 110, 99, 108.9}) {
            tracker.onEquity(1, equity);
        }

        assertThat(tracker.digest().sharpe()).isCloseTo(Math.sqrt(3) / 6 * Math.sqrt(252), within(1e-9));
        assertThat(tracker.sharpe()).isEqualTo(PerformanceStats.sharpe(new double[] {100, 110, 99, 108.9}, 252));
    }

    @Test
    void sharpe_is_zero_with_fewer_than_two_returns_or_no_variance() {
        tracker.onEquity(1, 100);
        tracker.onEquity(2, 101);
        assertThat(tracker.digest().sharpe()).isZero();

        DigestTracker flat = new DigestTracker(252);
        for (int i = 0; i < 10; i++) {
            flat.onEquity(i, 100);
        }
        assertThat(flat.digest().sharpe()).isZero();
    }

    @Test
    void closed_trades_give_per_symbol_count_pnl_net_of_fees_win_rate_holding_and_last_close() {
        tracker.onClosed(List.of(closed("BBB", 0, 10, 1, 1), closed("AAA", 1_000, 2_000, 100, 2)));
        tracker.onClosed(List.of(closed("AAA", 2_000, 5_000, -50, 1)));

        TradeDigest digest = tracker.digest();
        assertThat(digest.entries()).containsExactly(
                new TradeDigestEntry("AAA", 2, 47, 0.5, 2_000, 5_000),
                new TradeDigestEntry("BBB", 1, 0, 0, 10, 10));
        assertThat(digest.tradeCount()).isEqualTo(3);
        assertThat(digest.ts()).isEqualTo(5_000);
    }

    @Test
    void open_trades_are_not_counted() {
        tracker.onClosed(List.of(new TradeHistoryEntry("t", "AAA", 1, 1, 10, 0, Double.NaN, 0, 0, "in", "")));

        assertThat(tracker.digest().entries()).isEmpty();
    }

    @Test
    void the_digest_is_reused_while_nothing_changes() {
        tracker.onClosed(List.of(closed("AAA", 0, 10, 5, 0)));
        TradeDigest first = tracker.digest();

        assertThat(tracker.digest()).isSameAs(first);
        tracker.onEquity(10, 100);
        TradeDigest second = tracker.digest();
        assertThat(second.entries()).isSameAs(first.entries());
    }

    @Test
    void it_digests_the_trades_the_ledger_closes() {
        LedgerPortfolio ledger = new LedgerPortfolio("s", new BigDecimal("1000"), Constraints.NONE);
        tracker.onClosed(ledger.apply(List.of(
                new TxResult("a", "X", Side.BUY, TxStatus.FILLED, 10, 10, 0.5, 86_400_000L, ""),
                new TxResult("b", "X", Side.SELL, TxStatus.FILLED, 10, 12, 0.5, 3 * 86_400_000L, ""))));

        assertThat(tracker.digest().entries()).containsExactly(
                new TradeDigestEntry("X", 1, 19, 1, 2 * 86_400_000L, 3 * 86_400_000L));
    }

    @Test
    void rejects_a_non_positive_period_count_and_a_non_finite_equity() {
        assertThatThrownBy(() -> new DigestTracker(0)).hasMessageContaining("periodsPerYear");
        assertThatThrownBy(() -> tracker.onEquity(1, Double.NaN)).hasMessageContaining("equity");
    }
}
