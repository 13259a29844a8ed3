package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Candle;
import org.junit.jupiter.api.Test;

class PriceHistoryTest {

    private static Candle bar(String symbol, long ts, double close) {
        return new Candle(symbol, ts, close, close, close, close, 1);
    }

    @Test
    void returns_the_latest_simple_returns_oldest_first_within_the_capacity() {
        PriceHistory history = new PriceHistory(3);
        double[] closes = {100, 110, 99, 99, 118.8};
        for (int i = 0; i < closes.length; i++) {
            history.add(bar("ORCL", i, closes[i]));
        }
        // three closes kept (99, 99, 118.8): two returns
        assertThat(history.returns("ORCL", 10)).containsExactly(99.0 / 99 - 1, 118.8 / 99 - 1);
        assertThat(history.returns("ORCL", 1)).containsExactly(118.8 / 99 - 1);
    }

    @Test
    void keeps_a_bar_seen_twice_once_and_each_symbol_apart() {
        PriceHistory history = new PriceHistory(5);
        history.add(bar("ORCL", 1, 100));
        history.add(bar("ORCL", 2, 50));
        history.add(bar("ORCL", 2, 50));   // the same bar from a second strategy
        history.add(bar("ORCL", 1, 75));   // and a late one
        history.add(bar("MSFT", 1, 10));
        assertThat(history.returns("ORCL", 10)).containsExactly(-0.5);
        assertThat(history.returns("MSFT", 10)).isEmpty();
        assertThat(history.returns("IBM", 10)).isEmpty();
    }
}
