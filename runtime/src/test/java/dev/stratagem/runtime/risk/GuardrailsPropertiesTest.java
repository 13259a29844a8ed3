package dev.stratagem.runtime.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.VerdictOutcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the portfolio, limits and instructions, what the default guardrails let out respects every limit,
 * checked exactly (in decimal) against an independent replay of the cycle's projection.
 */
class GuardrailsPropertiesTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final List<String> ORDER = Guardrails.defaults().checks().stream().map(RiskCheck::id).toList();

    record Market(Instrument instrument, BigDecimal price, BigDecimal position, BigDecimal pending) {}

    record Scenario(List<Market> markets, BigDecimal cash, Constraints limits, List<TradeInstruction> instructions) {

        Map<String, Market> bySymbol() {
            Map<String, Market> out = new LinkedHashMap<>();
            markets.forEach(m -> out.put(m.instrument().symbol(), m));
            return out;
        }

        PortfolioView portfolio() {
            BigDecimal equity = cash;
            BigDecimal gross = BigDecimal.ZERO;
            List<PositionSnapshot> positions = new ArrayList<>();
            for (Market m : markets) {
                if (m.position().signum() != 0) {
                    BigDecimal value = m.position().multiply(m.price());
                    equity = equity.add(value);
                    gross = gross.add(value.abs());
                    positions.add(new PositionSnapshot(m.instrument().symbol(), m.position().doubleValue(),
                            m.price().doubleValue(), m.price().doubleValue(), 0, 0));
                }
            }
            return new PortfolioView(0, cash.doubleValue(), equity.doubleValue(), gross.doubleValue(),
                    equity.subtract(cash).doubleValue(), 0, 0, positions, limits);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<TradeInstruction>> instructions = instruction().list().ofMinSize(1).ofMaxSize(8).map(list -> {
            List<TradeInstruction> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).withId("p-" + i));
            }
            return out;
        });
        Arbitrary<BigDecimal> cash = Arbitraries.bigDecimals()
                .between(new BigDecimal("-5000"), new BigDecimal("100000")).ofScale(2);
        return Combinators.combine(market("A"), market("B"), market("C"), cash, constraints(), instructions)
                .as((a, b, c, money, limits, orders) -> new Scenario(List.of(a, b, c), money, limits, orders));
    }

    private static Arbitrary<Market> market(String symbol) {
        Arbitrary<BigDecimal> lots = Arbitraries.of("1", "0.1", "0.01", "0.001", "5").map(BigDecimal::new);
        return lots.flatMap(lot -> Combinators.combine(
                Arbitraries.of(0, 0, 1, 3).map(k -> lot.multiply(BigDecimal.valueOf(k))),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("5000")).ofScale(2),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(-300, 300)))
                        .map(k -> lot.multiply(BigDecimal.valueOf(k))),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(-20, 20))
                        .map(k -> lot.multiply(BigDecimal.valueOf(k))))
                .as((min, price, position, pending) -> new Market(
                        new Instrument(symbol, lot.doubleValue(), min.doubleValue()), price, position, pending)));
    }

    private static Arbitrary<Double> limit(String low, String high) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(INF)),
                Tuple.of(3, Arbitraries.bigDecimals().between(new BigDecimal(low), new BigDecimal(high)).ofScale(2)
                        .map(BigDecimal::doubleValue)));
    }

    private static Arbitrary<Constraints> constraints() {
        return Combinators.combine(limit("1", "1000"), limit("100", "1000000"), limit("100", "1000000"),
                        limit("0.1", "10"),
                        Arbitraries.oneOf(Arbitraries.integers().between(1, 4), Arbitraries.just(Integer.MAX_VALUE)),
                        Arbitraries.of(true, false))
                .as(Constraints::new);
    }

    private static Arbitrary<TradeInstruction> instruction() {
        Arbitrary<Double> quantity = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(Double.NaN, -1.0, 0.0, INF)),
                Tuple.of(6, Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("500"))
                        .ofScale(4).map(BigDecimal::doubleValue)),
                Tuple.of(4, Arbitraries.integers().between(1, 400).map(Integer::doubleValue)));
        return Combinators.combine(Arbitraries.of("A", "A", "A", "B", "B", "B", "C", "C", "C", "Z"), Arbitraries.of(Side.class), quantity,
                        Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)))
                .as((symbol, side, qty, reduceOnly) ->
                        new TradeInstruction(null, symbol, side, qty, OrderType.MARKET, Double.NaN, reduceOnly));
    }

    @Property(tries = 2000)
    void accepted_instructions_respect_every_limit(@ForAll("scenarios") Scenario s) {
        Map<String, Market> markets = s.bySymbol();
        Map<String, Instrument> instruments = new HashMap<>();
        Map<String, Double> prices = new HashMap<>();
        Map<String, Double> pending = new HashMap<>();
        Map<String, BigDecimal> projected = new HashMap<>();
        BigDecimal cash = s.cash();
        for (Market m : s.markets()) {
            String symbol = m.instrument().symbol();
            instruments.put(symbol, m.instrument());
            prices.put(symbol, m.price().doubleValue());
            pending.put(symbol, m.pending().doubleValue());
            projected.put(symbol, m.position().add(m.pending()));
            cash = cash.subtract(m.pending().multiply(m.price()));
        }
        PortfolioView portfolio = s.portfolio();
        Constraints limits = s.limits();
        BigDecimal equity = Decimals.dec(portfolio.equity());

        GuardrailsResult result = Guardrails.defaults().evaluate(s.instructions(), portfolio, instruments, prices, pending);

        for (GuardrailVerdict v : result.verdicts()) {
            if (v.outcome() != VerdictOutcome.ACCEPTED) {
                Statistics.label("verdicts").collect(v.check() + " " + v.outcome());
            }
        }
        Statistics.label("accepted").collect(result.accepted().isEmpty() ? "none" : "some");
        // the limits must actually bite, or the assertions below prove nothing
        Statistics.label("verdicts").coverage(c -> {
            for (String check : ORDER.subList(2, ORDER.size())) {
                c.check(check + " REJECTED").count(n -> n > 0);
                if (!check.equals("max-open-positions")) {
                    c.check(check + " CLAMPED").count(n -> n > 0);
                }
            }
        });
        Statistics.label("accepted").coverage(c -> c.check("some").percentage(p -> p > 30));
        Map<String, TradeInstruction> accepted = new HashMap<>();
        result.accepted().forEach(i -> accepted.put(i.id(), i));
        assertThat(accepted).hasSameSizeAs(result.accepted());
        for (TradeInstruction original : s.instructions()) {
            List<GuardrailVerdict> verdicts = result.verdicts().stream()
                    .filter(v -> v.instructionId().equals(original.id())).toList();
            TradeInstruction out = accepted.get(original.id());
            assertVerdictChain(original, verdicts, out);
            Market market = markets.get(original.symbol());
            BigDecimal before = projected.getOrDefault(original.symbol(), BigDecimal.ZERO);
            if (market != null && isReducingAndValid(original, market, before, limits)) {
                assertThat(out).as("reducing order %s with position %s", original, before).isEqualTo(original);
            }
            if (out == null) {
                continue;
            }
            BigDecimal price = market.price();
            Instrument instrument = market.instrument();
            BigDecimal q = Decimals.dec(out.quantity());
            BigDecimal after = out.side() == Side.BUY ? before.add(q) : before.subtract(q);
            boolean notIncreasing = after.signum() * before.signum() >= 0 && after.abs().compareTo(before.abs()) <= 0;

            assertThat(q.signum()).isPositive();
            assertThat(q.remainder(Decimals.dec(instrument.lotSize())).signum()).as("lot multiple %s", q).isZero();
            assertThat(q).isGreaterThanOrEqualTo(Decimals.dec(instrument.minQuantity()));
            if (limits.maxOrderNotional() != INF) {
                assertThat(q.multiply(price)).isLessThanOrEqualTo(Decimals.dec(limits.maxOrderNotional()));
            }
            if (limits.maxPositionQuantity() != INF && !notIncreasing) {
                assertThat(after.abs()).isLessThanOrEqualTo(Decimals.dec(limits.maxPositionQuantity()));
            }
            if (limits.maxPositionNotional() != INF && !notIncreasing) {
                assertThat(after.abs().multiply(price)).isLessThanOrEqualTo(Decimals.dec(limits.maxPositionNotional()));
            }
            if (!limits.allowShort() && out.side() == Side.SELL) {
                assertThat(after.signum()).isGreaterThanOrEqualTo(0);
            }
            if (original.reduceOnly() || reduces(original, before)) {
                assertThat(notIncreasing).as("%s must not increase position %s (-> %s)", out, before, after).isTrue();
            }
            projected.put(out.symbol(), after);
            if (limits.maxLeverage() != INF && !notIncreasing) {
                BigDecimal gross = BigDecimal.ZERO;
                for (Map.Entry<String, BigDecimal> e : projected.entrySet()) {
                    gross = gross.add(e.getValue().abs().multiply(markets.get(e.getKey()).price()));
                }
                assertThat(gross).isLessThanOrEqualTo(Decimals.dec(limits.maxLeverage()).multiply(equity));
            }
            if (out.side() == Side.BUY) {
                BigDecimal increasing = q.subtract(before.negate().max(BigDecimal.ZERO)).max(BigDecimal.ZERO);
                if (increasing.signum() > 0) {
                    assertThat(increasing.multiply(price)).isLessThanOrEqualTo(cash);
                }
            }
            cash = cash.subtract(Decimals.dec(out.signedQuantity()).multiply(price));
        }
    }

    private static boolean reduces(TradeInstruction order, BigDecimal position) {
        double q = order.quantity();
        return Double.isFinite(q) && q > 0 && position.signum() == -order.side().sign()
                && Decimals.dec(q).compareTo(position.abs()) <= 0;
    }

    /** A size the first four checks accept unchanged, moving the position towards flat. */
    private static boolean isReducingAndValid(TradeInstruction order, Market market, BigDecimal position, Constraints limits) {
        if (!reduces(order, position)) {
            return false;
        }
        BigDecimal q = Decimals.dec(order.quantity());
        Instrument instrument = market.instrument();
        return q.remainder(Decimals.dec(instrument.lotSize())).signum() == 0
                && q.compareTo(Decimals.dec(instrument.minQuantity())) >= 0
                && (limits.maxOrderNotional() == INF
                        || q.multiply(market.price()).compareTo(Decimals.dec(limits.maxOrderNotional())) <= 0);
    }

    private static void assertVerdictChain(TradeInstruction original, List<GuardrailVerdict> verdicts, TradeInstruction out) {
        assertThat(verdicts).isNotEmpty();
        assertThat(verdicts.stream().map(GuardrailVerdict::check).toList())
                .isEqualTo(ORDER.subList(0, verdicts.size()));
        assertThat(Double.compare(verdicts.getFirst().quantityBefore(), original.quantity())).isZero();
        for (int k = 0; k + 1 < verdicts.size(); k++) {
            assertThat(verdicts.get(k).outcome()).isNotEqualTo(VerdictOutcome.REJECTED);
            assertThat(Double.compare(verdicts.get(k).quantityAfter(), verdicts.get(k + 1).quantityBefore())).isZero();
        }
        GuardrailVerdict last = verdicts.getLast();
        if (out == null) {
            assertThat(last.outcome()).isEqualTo(VerdictOutcome.REJECTED);
            assertThat(last.reason()).isNotBlank();
        } else {
            assertThat(verdicts).hasSize(ORDER.size());
            assertThat(last.outcome()).isNotEqualTo(VerdictOutcome.REJECTED);
            assertThat(last.quantityAfter()).isEqualTo(out.quantity());
            assertThat(out.quantity()).isLessThanOrEqualTo(original.quantity());
        }
    }
}
