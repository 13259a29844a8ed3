package dev.stratagem.runtime.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratagem.api.Candle;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.TxStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LedgerPortfolioPropertiesTest {

    private static final BigDecimal INITIAL = new BigDecimal("100000");
    private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");

    /** A fill before its id and time are assigned. */
    record Order(String symbol, Side side, double quantity, double price, double fee) {}

    @Provide
    Arbitrary<Double> prices() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.1, 2.37037, 2.370370, 1.0 / 3, 0.07, 99.99),
                Arbitraries.doubles().between(0.01, 1000).ofScale(6));
    }

    @Provide
    Arbitrary<Double> quantities() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 500).map(Integer::doubleValue),
                Arbitraries.doubles().between(0.001, 50).ofScale(3));
    }

    @Provide
    Arbitrary<Double> fees() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 5).ofScale(4));
    }

    private Arbitrary<Order> order() {
        return Combinators.combine(
                Arbitraries.of(SYMBOLS), Arbitraries.of(Side.class), quantities(), prices(), fees())
                .as(Order::new);
    }

    @Provide
    Arbitrary<List<Order>> orders() {
        return order().list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Order>> manyOrders() {
        return order().list().ofMinSize(500).ofMaxSize(1500);
    }

    private static List<TxResult> fills(List<Order> orders) {
        List<TxResult> fills = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            fills.add(new TxResult("o" + i, o.symbol(), o.side(), TxStatus.FILLED, o.quantity(), o.price(),
                    o.fee(), i + 1, ""));
        }
        return fills;
    }

    @Property
    void equity_is_cash_plus_marked_positions_and_initial_cash_plus_realized_less_fees_plus_unrealized(
            @ForAll("orders") List<Order> orders, @ForAll("prices") double finalPrice) {
        LedgerPortfolio ledger = new LedgerPortfolio("p", INITIAL, Constraints.NONE);
        ledger.apply(fills(orders));
        BigDecimal mark = BigDecimal.valueOf(finalPrice);
        BigDecimal positions = BigDecimal.ZERO;
        for (String s : SYMBOLS) {
            ledger.mark(new Candle(s, 1_000, finalPrice, finalPrice, finalPrice, finalPrice, 0));
            positions = positions.add(ledger.quantity(s).multiply(mark));
        }

        BigDecimal equity = ledger.equity();
        assertThat(equity).isEqualByComparingTo(ledger.cash().add(positions));
        assertThat(equity).isEqualByComparingTo(
                INITIAL.add(ledger.realizedPnl()).subtract(ledger.fees()).add(ledger.unrealizedPnl()));
        assertThat(ledger.view().equity()).isEqualTo(equity.doubleValue());
    }

    /** A fill (an order) or, without a side, a mark at the price. */
    record Step(Order order, double mark) {}

    @Provide
    Arbitrary<List<Step>> oneSymbolSteps() {
        Arbitrary<Double> quantity = Arbitraries.oneOf(quantities(), Arbitraries.of(1e13, 123456789.123));
        Arbitrary<Order> fill = Combinators.combine(Arbitraries.of(Side.class), quantity, prices(), fees())
                .as((side, q, p, f) -> new Order("AAA", side, q, p, f));
        return Arbitraries.oneOf(fill.map(o -> new Step(o, 0)), prices().map(p -> new Step(null, p)))
                .list().ofMinSize(1).ofMaxSize(80);
    }

    @Property
    void a_held_position_marked_bar_by_bar_gives_the_view_and_exact_figures_BigDecimal_gives(
            @ForAll("oneSymbolSteps") List<Step> steps) {
        LedgerPortfolio ledger = new LedgerPortfolio("p", INITIAL, Constraints.NONE);
        double lastMark = Double.NaN;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.order() == null) {
                ledger.mark(new Candle("AAA", i + 1, step.mark(), step.mark(), step.mark(), step.mark(), 0));
                lastMark = step.mark();
            } else {
                Order o = step.order();
                ledger.apply(List.of(new TxResult("o" + i, "AAA", o.side(), TxStatus.FILLED, o.quantity(), o.price(),
                        o.fee(), i + 1, "")));
                if (Double.isNaN(lastMark)) {
                    lastMark = o.price();      // a fill on a symbol never marked values it at the fill price
                }
            }
            BigDecimal quantity = ledger.quantity("AAA");
            BigDecimal net = quantity.signum() == 0 ? BigDecimal.ZERO : quantity.multiply(BigDecimal.valueOf(lastMark));
            BigDecimal equity = ledger.cash().add(net);
            var view = ledger.view();
            assertThat(ledger.equity()).as("equity, with its scale").isEqualTo(equity);
            assertThat(view.equity()).isEqualTo(equity.doubleValue());
            if (ledger.quantity("AAA").signum() != 0) {
                assertThat(ledger.netExposure()).as("net exposure, with its scale").isEqualTo(net);
                assertThat(ledger.grossExposure()).isEqualTo(net.abs());
                assertThat(view.netExposure()).isEqualTo(net.doubleValue());
                assertThat(view.grossExposure()).isEqualTo(net.abs().doubleValue());
                assertThat(view.positions().getFirst().unrealizedPnl()).isEqualTo(ledger.unrealizedPnl().doubleValue());
            }
        }
    }

    @Property
    void closed_trades_realize_exactly_what_the_ledger_realized_once_flat(@ForAll("orders") List<Order> orders) {
        LedgerPortfolio ledger = new LedgerPortfolio("p", INITIAL, Constraints.NONE);
        List<TradeHistoryEntry> closed = new ArrayList<>(ledger.apply(fills(orders)));
        List<TxResult> flatten = new ArrayList<>();
        for (String s : SYMBOLS) {
            BigDecimal q = ledger.quantity(s);
            if (q.signum() != 0) {
                flatten.add(new TxResult("flat-" + s, s, q.signum() > 0 ? Side.SELL : Side.BUY, TxStatus.FILLED,
                        q.abs().doubleValue(), 10, 0.25, 10_000, ""));
            }
        }
        closed.addAll(ledger.apply(flatten));

        assertThat(ledger.openTrades()).isEmpty();
        assertThat(ledger.trades()).isEqualTo(closed);
        assertThat(ledger.closedRealizedPnl()).isEqualByComparingTo(ledger.realizedPnl());
        assertThat(ledger.closedFees()).isEqualByComparingTo(ledger.fees());
        double doubleSum = closed.stream().mapToDouble(TradeHistoryEntry::realizedPnl).sum();
        assertThat(doubleSum).isCloseTo(ledger.realizedPnl().doubleValue(),
                within(1e-9 * Math.max(1, ledger.realizedPnl().abs().doubleValue()) * closed.size() + 1e-9));
        assertThat(ledger.cash()).isEqualByComparingTo(ledger.equity());
        assertThat(ledger.cash()).isEqualByComparingTo(INITIAL.add(ledger.realizedPnl()).subtract(ledger.fees()));
    }

    @Property(tries = 30)
    void buying_and_selling_the_same_quantities_at_the_same_prices_costs_exactly_the_fees(
            @ForAll("manyOrders") List<Order> orders, @ForAll Random random) {
        List<TxResult> fills = new ArrayList<>();
        BigDecimal fees = BigDecimal.ZERO;
        int id = 0;
        for (Order o : orders) {
            Side other = o.side() == Side.BUY ? Side.SELL : Side.BUY;
            fills.add(new TxResult("o" + id++, o.symbol(), o.side(), TxStatus.FILLED, o.quantity(), o.price(),
                    o.fee(), 1, ""));
            fills.add(new TxResult("o" + id++, o.symbol(), other, TxStatus.FILLED, o.quantity(), o.price(),
                    o.fee(), 1, ""));
            fees = fees.add(BigDecimal.valueOf(o.fee())).add(BigDecimal.valueOf(o.fee()));
        }
        Collections.shuffle(fills, random);
        LedgerPortfolio ledger = new LedgerPortfolio("p", INITIAL, Constraints.NONE);
        ledger.apply(fills);

        assertThat(fills).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(ledger.cash()).isEqualByComparingTo(INITIAL.subtract(fees));
        assertThat(ledger.fees()).isEqualByComparingTo(fees);
        for (String s : SYMBOLS) {
            assertThat(ledger.quantity(s)).isEqualByComparingTo("0");
        }
        assertThat(ledger.equity()).isEqualByComparingTo(INITIAL.subtract(fees));
    }

    @Property(tries = 1)
    void thousands_of_round_trips_at_awkward_prices_do_not_drift() {
        LedgerPortfolio ledger = new LedgerPortfolio("p", INITIAL, Constraints.NONE);
        double[] prices = {0.1, 2.370370, 1.0 / 3};
        List<TxResult> fills = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            double p = prices[i % prices.length];
            fills.add(new TxResult("b" + i, "AAA", Side.BUY, TxStatus.FILLED, 7, p, 0, i + 1, ""));
            fills.add(new TxResult("s" + i, "AAA", Side.SELL, TxStatus.FILLED, 7, p, 0, i + 1, ""));
        }
        List<TradeHistoryEntry> closed = ledger.apply(fills);

        assertThat(closed).hasSize(3_000);
        assertThat(ledger.cash()).isEqualByComparingTo(INITIAL);
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("0");
    }
}
