package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * A buy's exposure-increasing part (beyond covering a projected short) costs {@code qty * reference price}
 * and must be paid from the projected cash: clamped to the lots that are affordable, or rejected. Sells and
 * short covers pass; margin on shorts is {@link MaxLeverageCheck}'s job. Limit orders are costed at the
 * reference price too, like every other check.
 */
public final class BuyingPowerCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "buying-power";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        if (instruction.side() != Side.BUY) {
            return RiskVerdict.ACCEPT;
        }
        PricedOrder order = PricedOrder.of(instruction, context);
        double coveringValue = Math.max(0, -order.alongValue());
        if (order.size() <= coveringValue) {
            return RiskVerdict.ACCEPT;   // only covers a short: exact, two doubles compared
        }
        double costValue = (order.size() - coveringValue) * order.priceValue();
        double cashValue = context.projectedCash();
        if (PricedOrder.clearlyAtMost(costValue, cashValue,
                (order.size() + coveringValue) * order.priceValue() + Math.abs(cashValue))) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal covering = order.along().negate().max(BigDecimal.ZERO);
        BigDecimal increasing = order.quantity().subtract(covering).max(BigDecimal.ZERO);
        if (increasing.signum() == 0) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal cash = Decimals.dec(context.projectedCash());
        BigDecimal cost = increasing.multiply(order.price());
        if (cost.compareTo(cash) <= 0) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal affordable = cash.signum() <= 0 ? BigDecimal.ZERO : cash.divide(order.price(), MaxNotionalCheck.DOWN);
        String why = order.describe() + " needs " + Decimals.money(cost) + ", has " + Decimals.money(cash);
        return Lots.clampOrReject(order.quantity(), covering.add(affordable), order.instrument(), why);
    }
}
