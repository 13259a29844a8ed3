package dev.stratagem.runtime.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratagem.api.Candle;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerPortfolioTest {

    private final LedgerPortfolio ledger = new LedgerPortfolio("s1", new BigDecimal("100000"), Constraints.NONE);
    private int ids;

    private TxResult fill(String symbol, Side side, double qty, double price, double fee, long ts) {
        return new TxResult("i" + (++ids), symbol, side, TxStatus.FILLED, qty, price, fee, ts, "");
    }

    private List<TradeHistoryEntry> apply(TxResult... fills) {
        return ledger.apply(List.of(fills));
    }

    static Candle bar(String symbol, long ts, double close) {
        return new Candle(symbol, ts, close, close, close, close, 0);
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    @Test
    void a_partial_sale_realizes_against_the_average_and_keeps_it() {
        apply(fill("ORCL", Side.BUY, 100, 10, 0, 1));
        List<TradeHistoryEntry> closed = apply(fill("ORCL", Side.SELL, 40, 12, 0, 2));

        assertThat(closed).isEmpty();
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("80");
        assertThat(ledger.averagePrice("ORCL")).isEqualByComparingTo("10");
        assertThat(ledger.quantity("ORCL")).isEqualByComparingTo("60");
        assertThat(ledger.cash()).isEqualByComparingTo("99480");
    }

    @Test
    void buying_more_moves_the_average_to_the_weighted_price() {
        apply(fill("ORCL", Side.BUY, 100, 10, 0, 1), fill("ORCL", Side.BUY, 300, 12, 0, 2));

        assertThat(ledger.averagePrice("ORCL")).isEqualByComparingTo("11.5");
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("0");
    }

    @Test
    void a_flip_closes_the_long_and_opens_the_remainder_short_at_the_fill_price() {
        apply(fill("ORCL", Side.BUY, 100, 10, 0, 1));
        List<TradeHistoryEntry> closed = apply(fill("ORCL", Side.SELL, 150, 9, 0, 2));

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("-100");
        assertThat(ledger.quantity("ORCL")).isEqualByComparingTo("-50");
        assertThat(ledger.averagePrice("ORCL")).isEqualByComparingTo("9");
        assertThat(ledger.cash()).isEqualByComparingTo("100350");
        assertThat(closed).containsExactly(new TradeHistoryEntry(
                "s1-1", "ORCL", 100, 1, 10, 2, 9, -100, 0, "i1", "i2"));
        assertThat(ledger.openTrades()).containsExactly(new TradeHistoryEntry(
                "s1-2", "ORCL", -50, 2, 9, 0, Double.NaN, 0, 0, "i2", ""));

        ledger.mark(bar("ORCL", 3, 8));
        assertThat(ledger.equity()).isEqualByComparingTo("99950");
        assertThat(ledger.unrealizedPnl()).isEqualByComparingTo("50");
        assertThat(ledger.view().position("ORCL").orElseThrow().openedAt()).isEqualTo(2);
    }

    @Test
    void a_short_covered_lower_realizes_a_gain() {
        apply(fill("ORCL", Side.SELL, 50, 20, 0, 1));
        assertThat(ledger.cash()).isEqualByComparingTo("101000");
        List<TradeHistoryEntry> closed = apply(fill("ORCL", Side.BUY, 50, 15, 0, 5));

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("250");
        assertThat(ledger.quantity("ORCL")).isEqualByComparingTo("0");
        assertThat(ledger.cash()).isEqualByComparingTo("100250");
        assertThat(closed).singleElement().satisfies(t -> {
            assertThat(t.quantity()).isEqualTo(-50);
            assertThat(t.entryPrice()).isEqualTo(20);
            assertThat(t.exitPrice()).isEqualTo(15);
            assertThat(t.realizedPnl()).isEqualTo(250);
            assertThat(t.holdingMillis()).isEqualTo(4);
        });
        assertThat(ledger.view().positions()).isEmpty();
    }

    @Test
    void fees_leave_cash_and_accumulate_and_belong_to_the_trade() {
        apply(fill("ORCL", Side.BUY, 100, 10, 1, 1));
        List<TradeHistoryEntry> closed = apply(fill("ORCL", Side.SELL, 100, 11, 1.1, 2));

        assertThat(ledger.fees()).isEqualByComparingTo("2.1");
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("100");
        assertThat(ledger.cash()).isEqualByComparingTo("100097.9");
        assertThat(closed.getFirst().fees()).isEqualTo(2.1);
        assertThat(closed.getFirst().realizedPnl()).isEqualTo(100);
        PortfolioView view = ledger.view();
        assertThat(view.realizedPnl()).as("the view's realized PnL is net of fees").isEqualTo(97.9);
        assertThat(view.fees()).isEqualTo(2.1);
        assertThat(view.equity()).isEqualTo(100097.9);
    }

    @Test
    void a_flip_splits_its_fee_pro_rata_between_the_closed_and_the_opened_trade() {
        apply(fill("ORCL", Side.BUY, 100, 10, 0.5, 1));
        List<TradeHistoryEntry> closed = apply(fill("ORCL", Side.SELL, 400, 10, 2, 2));

        assertThat(closed.getFirst().fees()).isEqualTo(1.0);
        assertThat(ledger.openTrades().getFirst().fees()).isEqualTo(1.5);
        assertThat(ledger.fees()).isEqualByComparingTo("2.5");
    }

    @Test
    void marks_value_positions_and_give_exposure_and_leverage() {
        LedgerPortfolio book = new LedgerPortfolio("s2", new BigDecimal("10000"), Constraints.NONE);
        book.apply(List.of(fill("BBB", Side.SELL, 20, 100, 0, 1), fill("AAA", Side.BUY, 100, 50, 0, 1)));
        book.mark(bar("AAA", 2, 55));
        book.mark(bar("BBB", 2, 90));

        assertThat(book.cash()).isEqualByComparingTo("7000");
        assertThat(book.netExposure()).isEqualByComparingTo("3700");
        assertThat(book.grossExposure()).isEqualByComparingTo("7300");
        assertThat(book.equity()).isEqualByComparingTo("10700");
        assertThat(book.unrealizedPnl()).isEqualByComparingTo("700");
        PortfolioView view = book.view();
        assertThat(view.ts()).isEqualTo(2);
        assertThat(view.equity()).isEqualTo(10700);
        assertThat(view.grossExposure()).isEqualTo(7300);
        assertThat(view.netExposure()).isEqualTo(3700);
        assertThat(view.leverage()).isCloseTo(7300.0 / 10700, within(1e-15));
        assertThat(view.positions()).containsExactly(
                new PositionSnapshot("AAA", 100, 50, 55, 500, 1),
                new PositionSnapshot("BBB", -20, 100, 90, 200, 1));
        assertThat(view.constraints()).isSameAs(Constraints.NONE);
    }

    @Test
    void a_fill_on_a_symbol_never_marked_is_valued_at_the_fill_price() {
        apply(fill("ORCL", Side.BUY, 10, 20, 1, 7));

        PortfolioView view = ledger.view();
        assertThat(view.ts()).isEqualTo(7);
        assertThat(view.equity()).isEqualTo(99999);
        assertThat(view.position("ORCL").orElseThrow().markPrice()).isEqualTo(20);
    }

    @Test
    void fill_prices_enter_the_books_in_their_shortest_decimal_form() {
        apply(fill("X", Side.BUY, 3, 2.37037, 0, 1));

        assertThat(ledger.cash()).isEqualByComparingTo("99992.88889");
        assertThat(ledger.averagePrice("X")).isEqualByComparingTo("2.37037");
    }

    @Test
    void a_non_terminating_average_still_realizes_the_exact_total_once_flat() {
        apply(fill("X", Side.BUY, 1, 1, 0, 1), fill("X", Side.BUY, 2, 2, 0, 2));
        assertThat(ledger.averagePrice("X").doubleValue()).isCloseTo(5.0 / 3, within(1e-15));

        apply(fill("X", Side.SELL, 1, 2, 0, 3));
        apply(fill("X", Side.SELL, 2, 2, 0, 4));

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("1");
        assertThat(ledger.cash()).isEqualByComparingTo("100001");
        assertThat(ledger.equity()).isEqualByComparingTo("100001");
    }

    @Test
    void a_trade_scaled_out_and_back_in_records_total_size_and_average_prices() {
        apply(fill("X", Side.BUY, 100, 10, 0, 1), fill("X", Side.SELL, 50, 12, 0, 2),
                fill("X", Side.BUY, 50, 14, 0, 3));
        assertThat(ledger.averagePrice("X")).isEqualByComparingTo("12");

        List<TradeHistoryEntry> closed = apply(fill("X", Side.SELL, 100, 13, 0, 4));

        assertThat(ledger.realizedPnl()).isEqualByComparingTo("200");
        TradeHistoryEntry trade = closed.getFirst();
        assertThat(trade.quantity()).isEqualTo(150);
        assertThat(trade.entryPrice()).isCloseTo(1700.0 / 150, within(1e-12));
        assertThat(trade.exitPrice()).isCloseTo(1900.0 / 150, within(1e-12));
        assertThat(trade.realizedPnl()).isEqualTo(200);
        assertThat(trade.entryInstructionId()).isEqualTo("i1");
        assertThat(trade.exitInstructionId()).isEqualTo("i4");
    }

    @Test
    void trades_are_numbered_in_entry_order_and_listed_closed_first() {
        apply(fill("A", Side.BUY, 1, 10, 0, 1), fill("B", Side.BUY, 1, 10, 0, 2));
        apply(fill("B", Side.SELL, 1, 11, 0, 3));
        apply(fill("C", Side.SELL, 1, 10, 0, 4));

        assertThat(ledger.trades()).extracting(TradeHistoryEntry::tradeId)
                .containsExactly("s1-2", "s1-1", "s1-3");
        assertThat(ledger.openTrades()).allSatisfy(t -> {
            assertThat(t.isOpen()).isTrue();
            assertThat(t.exitPrice()).isNaN();
            assertThat(t.realizedPnl()).isZero();
        });
    }

    @Test
    void results_that_are_not_fills_are_ignored() {
        List<TradeHistoryEntry> closed = ledger.apply(List.of(
                new TxResult("r1", "X", Side.BUY, TxStatus.REJECTED, 0, 0, 0, 5, "no money"),
                new TxResult("r2", "X", Side.BUY, TxStatus.ACCEPTED, 0, 0, 0, 5, "")));

        assertThat(closed).isEmpty();
        assertThat(ledger.cash()).isEqualByComparingTo("100000");
        assertThat(ledger.lastUpdate()).isZero();
        assertThat(ledger.trades()).isEmpty();
    }

    @Test
    void a_partial_fill_counts_like_a_fill() {
        ledger.apply(List.of(new TxResult("p1", "X", Side.BUY, TxStatus.PARTIAL, 5, 10, 0, 1, "")));

        assertThat(ledger.quantity("X")).isEqualByComparingTo("5");
    }

    @Test
    void the_view_is_reused_until_a_fill_or_a_held_mark_changes_it() {
        apply(fill("A", Side.BUY, 10, 10, 0, 1));
        PortfolioView first = ledger.view();
        assertThat(ledger.view()).isSameAs(first);

        ledger.mark(bar("B", 1, 99));
        assertThat(ledger.view()).as("a flat symbol's mark at the same time").isSameAs(first);

        ledger.mark(bar("B", 2, 98));
        PortfolioView later = ledger.view();
        assertThat(later.ts()).isEqualTo(2);
        assertThat(later.positions()).isSameAs(first.positions());
        assertThat(later.equity()).isEqualTo(first.equity());

        ledger.mark(bar("A", 3, 12));
        PortfolioView marked = ledger.view();
        assertThat(marked.equity()).isEqualTo(100020);
        assertThat(marked.position("A").orElseThrow().unrealizedPnl()).isEqualTo(20);
    }

    @Test
    void it_is_the_ledger_component() {
        assertThat(ledger.id()).isEqualTo("ledger");
        assertThat(ledger.initialCash()).isEqualByComparingTo("100000");
        assertThat(ledger.view().equity()).isEqualTo(100000);
    }
}
