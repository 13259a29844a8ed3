package dev.stratagem.runtime.risk;

import dev.stratagem.api.Instrument;
import dev.stratagem.api.RiskContext;
import dev.stratagem.api.TradeInstruction;
import java.math.BigDecimal;

/**
 * One instruction read against its context: the size, the reference price and the projected position. Checks
 * after {@code unknown-instrument} and {@code quantity} rely on a known instrument, a positive price and a positive
 * finite size; used without them, this fails loudly and the guardrails record the check as failed (fail closed).
 *
 * <p>The limits are exact in decimal: each double read as {@link Decimals#dec} reads it. Most orders are far from
 * every limit, and a check accepts those in doubles ({@link #clearlyAtMost}); an order near a limit, and every
 * verdict that is not an accept, takes the decimals, which are made only then.
 */
final class PricedOrder {

    /**
     * How far inside a limit, relative to the sizes of the numbers compared, an order must be to be accepted in
     * doubles. A double is within 1.2e-16 of its decimal, and each of the few operations of a check adds at most
     * 1.2e-16 of its operands' size: far below this.
     */
    private static final double MARGIN = 1e-9;
    /** Integers below this add and compare exactly in doubles, decimals alike. */
    private static final double WHOLE = 0x1p50;

    /**
     * The order priced last. The guardrails hand each check the same instruction and context until one
     * clamps or accepts it, so four checks in a row price the same order; both are immutable records, so
     * the same instances mean the same reading (the decimals made on demand are the same whichever thread
     * makes them). A race between strategy threads only prices again.
     */
    private static volatile PricedOrder last;

    private final TradeInstruction instruction;
    private final RiskContext context;
    private final Instrument instrument;
    private final double qty;
    private final double px;
    private final double projected;
    private final int direction;
    private BigDecimal quantity;
    private BigDecimal price;
    private BigDecimal position;

    private PricedOrder(TradeInstruction instruction, RiskContext context, Instrument instrument, double qty,
            double px, double projected) {
        this.instruction = instruction;
        this.context = context;
        this.instrument = instrument;
        this.qty = qty;
        this.px = px;
        this.projected = projected;
        this.direction = instruction.side().sign();
    }

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
        double projected = context.projectedQuantity(symbol);
        if (!Double.isFinite(projected)) {
            Decimals.dec(projected);   // fails the check closed, as reading the position exactly always did
        }
        return new PricedOrder(instruction, context, instrument, qty, price, projected);
    }

    /**
     * Whether {@code lhs <= rhs} holds with a margin no rounding of the doubles can close: then it holds for the
     * decimals too. False near equality (and for NaN or infinite values): decide those exactly.
     *
     * @param size the sum of the absolute values of the terms {@code lhs} and {@code rhs} were computed from
     */
    static boolean clearlyAtMost(double lhs, double rhs, double size) {
        return rhs - lhs > MARGIN * size;
    }

    /** @return whether the size and the projected position are whole numbers that add exactly in doubles */
    boolean whole() {
        return isWhole(qty) && isWhole(projected);
    }

    /** @return whether {@code x} is a whole number small enough to add and compare exactly in doubles */
    static boolean isWhole(double x) {
        return x == Math.rint(x) && Math.abs(x) < WHOLE;
    }

    TradeInstruction instruction() {
        return instruction;
    }

    Instrument instrument() {
        return instrument;
    }

    /** @return {@code +1} for a buy, {@code -1} for a sell */
    int direction() {
        return direction;
    }

    /** @return the size, a positive finite double */
    double size() {
        return qty;
    }

    /** @return the reference price, a positive finite double */
    double priceValue() {
        return px;
    }

    /** @return the projected position measured in the order's direction: negative when the order reduces it */
    double alongValue() {
        return direction > 0 ? projected : -projected;
    }

    BigDecimal quantity() {
        if (quantity == null) {
            quantity = Decimals.dec(qty);
        }
        return quantity;
    }

    BigDecimal price() {
        if (price == null) {
            price = Decimals.dec(px);
        }
        return price;
    }

    /** @return the projected position before the order */
    BigDecimal position() {
        if (position == null) {
            position = Decimals.dec(projected);
        }
        return position;
    }

    /** @return {@link #alongValue()} as a decimal */
    BigDecimal along() {
        return direction > 0 ? position() : position().negate();
    }

    /**
     * Whether the order only moves the position towards flat (never past it). Exact in doubles: it compares two
     * doubles, and {@link Decimals#dec} keeps their order.
     */
    boolean reducing() {
        return qty <= -alongValue();
    }

    /** The quantity that may trade when the position in this direction may reach {@code cap} (>= 0). */
    BigDecimal boundFor(BigDecimal cap) {
        return cap.subtract(along());
    }

    BigDecimal positionAfter() {
        return direction > 0 ? position().add(quantity()) : position().subtract(quantity());
    }

    /** For reasons: {@code buy 100 ORCL}. */
    String describe() {
        return (direction > 0 ? "buy " : "sell ") + Decimals.plain(quantity()) + " " + instruction.symbol();
    }
}
