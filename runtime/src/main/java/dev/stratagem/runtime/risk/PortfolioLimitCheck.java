package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.util.HashMap;
import java.util.Map;

/**
 * Portfolio-level gross, net and per-instrument concentration limits: the order, added to this strategy's
 * projected positions and to every other sleeve's last positions, may not take a measure over its limit.
 * An order that does not increase the measure it would breach passes (so reducing is always possible).
 */
final class PortfolioLimitCheck implements RiskCheck {

    static final String ID = "portfolio-limits";

    private final String strategyId;
    private final RiskEngine engine;
    private final PortfolioLimits limits;
    /** No limit set: decided once, not per order (a record's equals per order showed in profiles). */
    private final boolean off;

    PortfolioLimitCheck(String strategyId, RiskEngine engine, PortfolioLimits limits) {
        this.strategyId = strategyId;
        this.engine = engine;
        this.limits = limits;
        this.off = limits.equals(PortfolioLimits.NONE);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        if (off) {
            return RiskVerdict.ACCEPT;
        }
        String symbol = instruction.symbol();
        double price = context.price(symbol);
        if (!(price > 0)) {
            return RiskVerdict.reject("no price for " + symbol + " to value portfolio exposure");
        }
        Map<String, Double> before = new HashMap<>(engine.otherSleevesExposure(strategyId));
        context.projectedQuantities().forEach((s, q) -> {
            double p = Double.isFinite(context.price(s)) ? context.price(s) : context.portfolio().position(s)
                    .map(x -> x.markPrice()).orElse(0.0);
            before.merge(s, q * p, Double::sum);
        });
        Map<String, Double> after = new HashMap<>(before);
        after.merge(symbol, instruction.signedQuantity() * price, Double::sum);
        double equity = engine.portfolioEquity(strategyId, context.portfolio().equity());
        String breach = breach("gross exposure", gross(before), gross(after), limits.maxGrossExposure());
        if (breach == null) {
            breach = breach("net exposure", Math.abs(net(before)), Math.abs(net(after)), limits.maxNetExposure());
        }
        if (breach == null && equity > 0) {
            breach = breach("concentration in " + symbol, Math.abs(before.getOrDefault(symbol, 0.0)) / equity,
                    Math.abs(after.get(symbol)) / equity, limits.maxConcentration());
        }
        return breach == null ? RiskVerdict.ACCEPT : RiskVerdict.reject(breach);
    }

    private static String breach(String what, double before, double after, double limit) {
        if (after <= limit || after <= before) {
            return null;
        }
        return "portfolio " + what + " would be " + Decimals.plain(round(after)) + ", over the limit "
                + Decimals.plain(limit);
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    private static double gross(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Math::abs).sum();
    }

    private static double net(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
