package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.runtime.analytics.ValueAtRisk;
import dev.stratagem.runtime.analytics.VarEstimate;
import java.util.HashMap;
import java.util.Map;

/**
 * Pre-trade VaR: values the sleeve's projected positions after the order, builds its return scenarios from
 * the symbols' joint past returns (historical simulation; parametric and Monte Carlo fit those scenarios),
 * and rejects an order that takes the one-bar VaR over {@code maxFraction * equity} and raises it.
 */
final class VarLimitCheck implements RiskCheck {

    static final String ID = "var-limit";

    private final VarLimit limit;
    private final PriceHistory prices;

    /** @param prices the closes; read only when the limit is {@linkplain VarLimit#on() on} */
    VarLimitCheck(VarLimit limit, PriceHistory prices) {
        this.limit = limit;
        this.prices = prices;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        double equity = context.portfolio().equity();
        if (!limit.on() || !(equity > 0)) {
            return RiskVerdict.ACCEPT;
        }
        Map<String, Double> notional = new HashMap<>();
        context.projectedQuantities().forEach((s, q) -> notional.put(s, q * context.price(s)));
        double before = var(notional, equity);
        notional.merge(instruction.symbol(), instruction.signedQuantity() * context.price(instruction.symbol()),
                Double::sum);
        double after = var(notional, equity);
        double max = limit.maxFraction() * equity;
        if (Double.isNaN(after) || after <= max || after <= before) {
            return RiskVerdict.ACCEPT;
        }
        return RiskVerdict.reject("one-bar " + limit.method() + " VaR at " + limit.confidence() + " would be "
                + Decimals.money(after) + ", over the limit " + Decimals.money(max) + " (" + limit.maxFraction()
                + " of equity)");
    }

    /** @return the VaR in money, NaN without enough history */
    private double var(Map<String, Double> notional, double equity) {
        int n = limit.window();
        Map<String, double[]> returns = new HashMap<>();
        for (Map.Entry<String, Double> e : notional.entrySet()) {
            if (!Double.isFinite(e.getValue()) || e.getValue() == 0) {
                continue;
            }
            double[] r = prices.returns(e.getKey(), limit.window());
            returns.put(e.getKey(), r);
            n = Math.min(n, r.length);
        }
        if (returns.isEmpty()) {
            return 0;
        }
        if (n < VarLimit.MIN_RETURNS) {
            return Double.NaN;
        }
        double[] scenario = new double[n];
        for (Map.Entry<String, double[]> e : returns.entrySet()) {
            double[] r = e.getValue();
            double value = notional.get(e.getKey());
            for (int t = 0; t < n; t++) {
                scenario[t] += value * r[r.length - n + t] / equity;
            }
        }
        VarEstimate estimate = switch (limit.method()) {
            case HISTORICAL -> ValueAtRisk.historical(scenario, limit.confidence());
            case PARAMETRIC -> ValueAtRisk.parametric(scenario, limit.confidence());
            case MONTE_CARLO -> ValueAtRisk.monteCarlo(scenario, 1, 10_000, 42, limit.confidence());
        };
        return Math.max(0, estimate.var()) * equity;
    }
}
