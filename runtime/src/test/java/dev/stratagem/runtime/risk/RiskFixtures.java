package dev.stratagem.runtime.risk;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Portfolios, contexts and instructions for the guardrail tests, built the way the runtime builds them. */
final class RiskFixtures {

    private RiskFixtures() {}

    static Constraints limits(double maxPositionQuantity, double maxPositionNotional, double maxOrderNotional,
            double maxLeverage, int maxOpenPositions, boolean allowShort) {
        return new Constraints(maxPositionQuantity, maxPositionNotional, maxOrderNotional, maxLeverage,
                maxOpenPositions, allowShort);
    }

    static final double NONE = Double.POSITIVE_INFINITY;

    static PositionSnapshot position(String symbol, double quantity, double mark) {
        return new PositionSnapshot(symbol, quantity, mark, mark, 0, 0);
    }

    /** A portfolio whose equity and exposures follow from the cash and the positions at their marks. */
    static PortfolioView portfolio(double cash, Constraints constraints, PositionSnapshot... positions) {
        double equity = cash;
        double gross = 0;
        double net = 0;
        for (PositionSnapshot p : positions) {
            equity += p.quantity() * p.markPrice();
            gross += p.notional();
            net += p.quantity() * p.markPrice();
        }
        return new PortfolioView(0, cash, equity, gross, net, 0, 0, List.of(positions), constraints);
    }

    /** A context with no pending orders: projected positions and cash are the portfolio's. */
    static RiskContext context(PortfolioView portfolio, Map<String, Instrument> instruments, Map<String, Double> prices) {
        Map<String, Double> projected = new HashMap<>();
        for (PositionSnapshot p : portfolio.positions()) {
            projected.put(p.symbol(), p.quantity());
        }
        return new RiskContext(portfolio, instruments, prices, projected, portfolio.cash());
    }

    /** ORCL in whole shares at {@code price}. */
    static RiskContext orcl(PortfolioView portfolio, double price) {
        return context(portfolio, Map.of("ORCL", Instrument.of("ORCL")), Map.of("ORCL", price));
    }

    static RiskContext single(Instrument instrument, double price, PortfolioView portfolio) {
        return context(portfolio, Map.of(instrument.symbol(), instrument), Map.of(instrument.symbol(), price));
    }

    static TradeInstruction buy(String symbol, double quantity) {
        return TradeInstruction.buy(symbol, quantity).withId("c1-0");
    }

    static TradeInstruction sell(String symbol, double quantity) {
        return TradeInstruction.sell(symbol, quantity).withId("c1-0");
    }

    static TradeInstruction reduceOnly(Side side, String symbol, double quantity) {
        return new TradeInstruction("c1-0", symbol, side, quantity, OrderType.MARKET, Double.NaN, true);
    }

    /** Assigns {@code c1-<index>} ids, as the cycle does before the guardrails. */
    static List<TradeInstruction> withIds(TradeInstruction... instructions) {
        List<TradeInstruction> out = new ArrayList<>();
        for (int i = 0; i < instructions.length; i++) {
            out.add(instructions[i].withId("c1-" + i));
        }
        return out;
    }
}
