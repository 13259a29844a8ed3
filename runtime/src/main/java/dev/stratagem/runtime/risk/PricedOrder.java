package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * One instruction read exactly against its context: the size, the reference price and the projected
 * position as decimals. Checks after {@code unknown-instrument} and {@code quantity} rely on a known
 * instrument, a positive price and a positive finite size; used without them, this fails loudly and the
 * guardrails record the check as failed (fail closed).
 *
 * @param direction {@code +1} for a buy, {@code -1} for a sell
 * @param along the projected position measured in the order's direction: negative when the order reduces it
 */
record PricedOrder(
        TradeInstruction instruction, RiskContext context, Instrument instrument, BigDecimal quantity,
        BigDecimal price, BigDecimal position, int direction, BigDecimal along) {

    /**
     * The order priced last. The guardrails hand each check the same instruction and context until one
     * clamps or accepts it, so four checks in a row price the same order; both are immutable records, so
     * the same instances mean the same reading. A race between strategy threads only prices again.
     */
    private static volatile PricedOrder last;

    static PricedOrder of(TradeInstruction instruction, RiskContext context) {
        PricedOrder cached = last;
        if (cached != null && cached.instruction == instruction && cached.context == context) {
            return cached;
        }
        PricedOrder priced = price(instruction, context);
        last = priced;
        return priced;
    }

    private static PricedOrder price(TradeInstruction instruction, RiskContext context) {
        String symbol = instruction.symbol();
        Instrument instrument = context.instruments().get(symbol);
        if (instrument == null) {
            throw new IllegalStateException("unknown instrument " + symbol);
        }
        double price = context.price(symbol);
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalStateException("no price for " + symbol);
        }
        double qty = instruction.quantity();
        if (!Double.isFinite(qty) || qty <= 0) {
            throw new IllegalStateException("quantity " + Decimals.plain(qty) + " is not a positive number");
        }
        BigDecimal position = Decimals.dec(context.projectedQuantity(symbol));
        int direction = instruction.side().sign();
        return new PricedOrder(instruction, context, instrument, Decimals.dec(qty), Decimals.dec(price), position,
                direction, direction > 0 ? position : position.negate());
    }

    /** Whether the order only moves the position towards flat (never past it). */
    boolean reducing() {
        return quantity.compareTo(along.negate()) <= 0;
    }

    /** The quantity that may trade when the position in this direction may reach {@code cap} (>= 0). */
    BigDecimal boundFor(BigDecimal cap) {
        return cap.subtract(along);
    }

    BigDecimal positionAfter() {
        return direction > 0 ? position.add(quantity) : position.subtract(quantity);
    }

    /** For reasons: {@code buy 100 ORCL}. */
    String describe() {
        return (direction > 0 ? "buy " : "sell ") + Decimals.plain(quantity) + " " + instruction.symbol();
    }
}
