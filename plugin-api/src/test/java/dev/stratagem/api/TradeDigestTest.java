package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeDigestTest {

    private static TradeDigestEntry entry(String symbol, int trades) {
        return new TradeDigestEntry(symbol, trades, 12.5, 0.5, 86_400_000, 1);
    }

    @Test
    void trade_count_sums_the_entries() {
        TradeDigest d = new TradeDigest(1, List.of(entry("MSFT", 3), entry("ORCL", 4)), 1.2);
        assertThat(d.tradeCount()).isEqualTo(7);
    }

    @Test
    void the_empty_digest_has_no_trades() {
        assertThat(TradeDigest.EMPTY.tradeCount()).isZero();
        assertThat(TradeDigest.EMPTY.entries()).isEmpty();
    }

    @Test
    void the_entry_list_is_copied() {
        List<TradeDigestEntry> entries = new ArrayList<>(List.of(entry("ORCL", 1)));
        TradeDigest d = new TradeDigest(1, entries, 0);
        entries.clear();
        assertThat(d.entries()).hasSize(1);
    }

    @Test
    void rejects_a_non_finite_sharpe() {
        assertThatThrownBy(() -> new TradeDigest(1, List.of(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sharpe");
    }
}
