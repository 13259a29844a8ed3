package dev.stratagem.runtime.risk;

import dev.stratagem.api.Constraints;
import dev.stratagem.api.RiskCheck;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.RiskVerdict;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * Bounds the projected position after the order ({@code context.projectedQuantity(symbol) + signed qty}):
 * <ul>
 *   <li>a reduce-only order may only move the position towards flat: a larger one is clamped to the
 *       position held (reduce to flat), one with nothing to reduce is rejected. This is the one place
 *       {@link TradeInstruction#reduceOnly()} is enforced;</li>
 *   <li>without {@code allowShort} a sell may take a long position to flat but not below: clamped to the
 *       long quantity held, rejected when flat or short;</li>
 *   <li>{@code |position| <= maxPositionQuantity} and {@code |position| * price <= maxPositionNotional}.</li>
 * </ul>
 * Only the exposure-increasing part is limited: an order that moves the position towards flat always
 * passes, even when the position is over a limit; an order that flips the position may land at most at
 * the limit on the other side. Clamps are lot multiples; the tightest bound gives the reason.
 */
public final class MaxPositionCheck implements RiskCheck {

    /** The check id. */
    public static final String ID = "max-position";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RiskVerdict check(TradeInstruction instruction, RiskContext context) {
        Constraints limits = context.constraints();
        PricedOrder order = PricedOrder.of(instruction, context);
        if (order.reducing()) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal held = order.along().negate();
        if (instruction.reduceOnly()) {
            if (held.signum() <= 0) {
                return RiskVerdict.reject("reduce-only " + order.describe() + " has nothing to reduce (position "
                        + Decimals.plain(order.position()) + ")");
            }
            return Lots.clampOrReject(order.quantity(), held, order.instrument(), "reduce-only " + moves(order));
        }
        if (!limits.allowShort() && order.direction() < 0) {
            String why = moves(order) + " and shorting is not allowed";
            return held.signum() <= 0
                    ? RiskVerdict.reject(why)
                    : Lots.clampOrReject(order.quantity(), held, order.instrument(), why);
        }
        if (limits.maxPositionNotional() == Double.POSITIVE_INFINITY
                && fitsInDoubles(order, limits.maxPositionQuantity())) {
            return RiskVerdict.ACCEPT;
        }
        BigDecimal bound = null;
        BigDecimal maxNotional = null;
        if (limits.maxPositionQuantity() != Double.POSITIVE_INFINITY) {
            bound = order.boundFor(Decimals.dec(limits.maxPositionQuantity()));
        }
        if (limits.maxPositionNotional() != Double.POSITIVE_INFINITY) {
            BigDecimal max = Decimals.dec(limits.maxPositionNotional());
            BigDecimal byValue = order.boundFor(max.divide(order.price(), MaxNotionalCheck.DOWN));
            if (bound == null || byValue.compareTo(bound) < 0) {
                bound = byValue;
                maxNotional = max;
            }
        }
        if (bound == null || order.quantity().compareTo(bound) <= 0) {
            return RiskVerdict.ACCEPT;   // most buys: no reason text to write
        }
        String why = maxNotional == null
                ? moves(order) + ", over max position quantity " + Decimals.plain(limits.maxPositionQuantity())
                : order.describe() + " would take position value to "
                        + Decimals.money(order.positionAfter().abs().multiply(order.price()))
                        + ", over max position notional " + Decimals.money(maxNotional);
        return Lots.clampOrReject(order.quantity(), bound, order.instrument(), why);
    }

    /** Whether the position after the order stays within {@code max}, decided in doubles; false if not sure. */
    private static boolean fitsInDoubles(PricedOrder order, double max) {
        if (max == Double.POSITIVE_INFINITY) {
            return true;
        }
        double after = order.size() + order.alongValue();
        if (order.whole() && PricedOrder.isWhole(max)) {
            return after <= max;   // whole numbers: exact
        }
        return PricedOrder.clearlyAtMost(after, max, order.size() + Math.abs(order.alongValue()) + Math.abs(max));
    }

    /** The start of most reasons, written only for an order that does not fit. */
    private static String moves(PricedOrder order) {
        return order.describe() + " would take position " + Decimals.plain(order.position()) + " to "
                + Decimals.plain(order.positionAfter());
    }
}
