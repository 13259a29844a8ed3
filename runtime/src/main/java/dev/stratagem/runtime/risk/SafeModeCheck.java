package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * Live safe mode: every order that adds exposure is scaled by {@code sizeMultiplier} (whole lots, rounded
 * down; rejected if nothing is left), and gross exposure may not exceed {@code maxLeverage * equity}.
 * Reducing orders pass unchanged, so a position can always be closed.
 */
public final class SafeModeCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "live-safe-mode";

    private final double sizeMultiplier;
    private final MaxLeverageCheck leverage = new MaxLeverageCheck();
    private final double maxLeverage;

    /**
     * @param sizeMultiplier in (0, 1]
     * @param maxLeverage the leverage cap
     */
    public SafeModeCheck(double sizeMultiplier, double maxLeverage) {
        if (!(sizeMultiplier > 0 && sizeMultiplier <= 1) || !(maxLeverage > 0)) {
            throw new IllegalArgumentException("safe mode needs a size multiplier in (0, 1] and a positive leverage");
        }
        this.sizeMultiplier = sizeMultiplier;
        this.maxLeverage = maxLeverage;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        if (Reduction.reduces(instruction, context)) {
            return RiskVerdict.ACCEPT;
        }
        PricedOrder order = PricedOrder.of(instruction, context);
        BigDecimal scaled = order.quantity().multiply(Decimals.dec(sizeMultiplier));
        RiskVerdict v = Lots.clampOrReject(order.quantity(), scaled, order.instrument(),
                "live safe mode scales orders by " + Decimals.plain(sizeMultiplier));
        double qty = v instanceof RiskVerdict.Clamp c ? c.quantity() : instruction.quantity();
        if (v instanceof RiskVerdict.Reject) {
            return v;
        }
        var capped = new dev.stratagem.api.Constraints(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Math.min(maxLeverage, context.constraints().maxLeverage()),
                Integer.MAX_VALUE, true);
        var p = context.portfolio();
        var view = new dev.stratagem.api.PortfolioView(p.ts(), p.cash(), p.equity(), p.grossExposure(),
                p.netExposure(), p.realizedPnl(), p.fees(), p.positions(), capped);
        RiskVerdict lev = leverage.check(instruction.withQuantity(qty), new RiskContext(view, context.instruments(),
                context.prices(), context.projectedQuantities(), context.projectedCash()));
        return lev == RiskVerdict.ACCEPT ? v : lev;
    }
}
