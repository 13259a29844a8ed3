package dev.stratagem.api;

import java.util.Objects;

/**
 * One order a composer wants placed.
 *
 * <p>Composers leave the id empty ({@code null}); the runtime assigns {@code <composeId>-<index>} before
 * the guardrails run, so ids are unique and deterministic, and the id doubles as the client order id that
 * makes a resend after a crash idempotent.
 *
 * <p>The quantity is deliberately not validated here: a zero, negative or non-finite size is an expected
 * mistake that the guardrails reject with a reason recorded in the cycle, not an exception.
 *
 * @param id the instruction id, or {@code null} before the runtime assigns it
 * @param symbol the instrument symbol
 * @param side buy or sell
 * @param quantity the unsigned quantity to trade
 * @param type market or limit
 * @param limitPrice the limit price for {@link OrderType#LIMIT}, {@code NaN} for market orders
 * @param reduceOnly whether the order may only reduce an existing position
 */
public record TradeInstruction(
        String id, String symbol, Side side, double quantity, OrderType type, double limitPrice, boolean reduceOnly) {

    /** Validates the structural fields (not the quantity: see the class comment). */
    public TradeInstruction {
        if (id != null) {
            Checks.nonBlank(id, "id");
        }
        Checks.nonBlank(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        if (type == OrderType.LIMIT) {
            Checks.positive(limitPrice, "limitPrice");
        }
    }

    /**
     * A market order.
     *
     * @param symbol the instrument symbol
     * @param side buy or sell
     * @param quantity the unsigned quantity
     * @return the instruction, without id
     */
    public static TradeInstruction market(String symbol, Side side, double quantity) {
        return new TradeInstruction(null, symbol, side, quantity, OrderType.MARKET, Double.NaN, false);
    }

    /**
     * A market buy.
     *
     * @param symbol the instrument symbol
     * @param quantity the quantity
     * @return the instruction, without id
     */
    public static TradeInstruction buy(String symbol, double quantity) {
        return market(symbol, Side.BUY, quantity);
    }

    /**
     * A market sell.
     *
     * @param symbol the instrument symbol
     * @param quantity the quantity
     * @return the instruction, without id
     */
    public static TradeInstruction sell(String symbol, double quantity) {
        return market(symbol, Side.SELL, quantity);
    }

    /**
     * @param newId the id to assign
     * @return a copy with that id
     */
    public TradeInstruction withId(String newId) {
        return new TradeInstruction(newId, symbol, side, quantity, type, limitPrice, reduceOnly);
    }

    /**
     * @param newQuantity the quantity to trade instead
     * @return a copy with that quantity (a guardrail clamp)
     */
    public TradeInstruction withQuantity(double newQuantity) {
        return new TradeInstruction(id, symbol, side, newQuantity, type, limitPrice, reduceOnly);
    }

    /** @return a reduce-only copy */
    public TradeInstruction asReduceOnly() {
        return new TradeInstruction(id, symbol, side, quantity, type, limitPrice, true);
    }

    /** @return the signed quantity: positive for a buy, negative for a sell */
    public double signedQuantity() {
        return side.sign() * quantity;
    }
}
