package dev.stratagem.runtime.risk;

import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Caps one order's value ({@code quantity * reference price}) at {@code maxOrderNotional}, by clamping to
 * the largest lot multiple within it. Applies to reducing orders too: it bounds the size of any one order.
 */
public final class MaxNotionalCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "max-notional";

    static final MathContext DOWN = new MathContext(34, RoundingMode.FLOOR);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        double limit = context.constraints().maxOrderNotional();
        if (limit == Double.POSITIVE_INFINITY) {
            return RiskVerdict.ACCEPT;
        }
        PricedOrder order = PricedOrder.of(instruction, context);
        double notionalValue = order.size() * order.priceValue();
        if (PricedOrder.clearlyAtMost(notionalValue, limit, notionalValue + Math.abs(limit))) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal max = Decimals.dec(limit);
        BigDecimal notional = order.quantity().multiply(order.price());
        if (notional.compareTo(max) <= 0) {
            return RiskVerdict.ACCEPT;
        }
        String why = "order notional " + Decimals.money(notional) + " exceeds max order notional " + Decimals.money(max);
        return Lots.clampOrReject(order.quantity(), max.divide(order.price(), DOWN), order.instrument(), why);
    }
}
