package dev.stratagem.runtime.risk;

import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Bounds gross exposure after the order, valued at reference prices, to {@code maxLeverage * equity}.
 * Only the exposure-increasing part is limited: a reducing order always passes; an increasing one is
 * clamped to the lots that fit (a flip at most to flat when other positions already use the headroom)
 * or rejected. With equity at or below zero no exposure may be added.
 *
 * <p>Other symbols are valued at their reference price, else their portfolio mark; one with neither
 * cannot be valued, and an increasing order is then rejected (fail closed).
 */
public final class MaxLeverageCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "max-leverage";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        double maxLeverage = context.constraints().maxLeverage();
        PricedOrder order = PricedOrder.of(instruction, context);
        if (maxLeverage == Double.POSITIVE_INFINITY || order.reducing()) {
            return RiskVerdict.ACCEPT;
        }
        if (fitsInDoubles(order, context, maxLeverage)) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal equity = Decimals.dec(context.portfolio().equity());
        if (equity.signum() <= 0) {
            return Lots.clampOrReject(order.quantity(), order.boundFor(BigDecimal.ZERO), order.instrument(),
                    order.describe() + " would add exposure with equity " + Decimals.money(equity));
        }
        BigDecimal others = BigDecimal.ZERO;
        for (Map.Entry<String, Double> e : context.projectedQuantities().entrySet()) {
            String symbol = e.getKey();
            if (e.getValue() == 0 || symbol.equals(instruction.symbol())) {
                continue;
            }
            double price = context.price(symbol);
            if (!Double.isFinite(price)) {
                price = context.portfolio().position(symbol).map(PositionSnapshot::markPrice).orElse(Double.NaN);
            }
            if (!Double.isFinite(price)) {
                return RiskVerdict.reject("no price for " + symbol + " to value gross exposure");
            }
            others = others.add(Decimals.dec(e.getValue()).abs().multiply(Decimals.dec(price)));
        }
        BigDecimal maxExposure = Decimals.dec(maxLeverage).multiply(equity);
        BigDecimal room = maxExposure.subtract(others).max(BigDecimal.ZERO);
        BigDecimal bound = order.boundFor(room.divide(order.price(), MaxNotionalCheck.DOWN));
        if (order.quantity().compareTo(bound) <= 0) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal gross = others.add(order.positionAfter().abs().multiply(order.price()));
        String why = order.describe() + " would take gross exposure to " + Decimals.money(gross) + ", leverage "
                + gross.divide(equity, 2, RoundingMode.HALF_UP).toPlainString() + " on equity "
                + Decimals.money(equity) + ", over max leverage " + Decimals.plain(maxLeverage);
        return Lots.clampOrReject(order.quantity(), bound, order.instrument(), why);
    }

    /**
     * Whether the gross exposure after the order stays within {@code maxLeverage} times the equity, decided in
     * doubles: the exact check's {@code quantity <= room / price - along} as {@code (quantity + along) * price <=
     * room}. False if not sure, or if the exact check has a reason to give (no equity, a position without a price).
     */
    private static boolean fitsInDoubles(PricedOrder order, RiskContext context, double maxLeverage) {
        double equity = context.portfolio().equity();
        if (!(equity > 0)) {
            return false;
        }
        double others = 0;
        for (Map.Entry<String, Double> e : context.projectedQuantities().entrySet()) {
            double qty = e.getValue();
            if (qty == 0 || e.getKey().equals(order.instruction().symbol())) {
                continue;
            }
            double price = context.price(e.getKey());
            if (!Double.isFinite(price)) {
                return false;
            }
            others += Math.abs(qty) * price;
        }
        double maxExposure = maxLeverage * equity;
        double exposure = (order.size() + order.alongValue()) * order.priceValue();
        double size = (order.size() + Math.abs(order.alongValue())) * order.priceValue() + Math.abs(maxExposure)
                + others;
        return PricedOrder.clearlyAtMost(exposure, maxExposure - others, size);
    }
}
