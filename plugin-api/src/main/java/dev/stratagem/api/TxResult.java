package dev.stratagem.api;

import java.util.Objects;

/**
 * What the gateway did with one instruction: an acknowledgement, a fill or a refusal.
 *
 * @param instructionId the id of the instruction (the client order id)
 * @param symbol the instrument symbol
 * @param side buy or sell
 * @param status the outcome
 * @param filledQuantity the unsigned quantity filled, zero unless {@link TxStatus#isFill()}
 * @param fillPrice the average fill price, zero when nothing filled
 * @param fee the fee charged, in account currency
 * @param ts when it happened, epoch milliseconds
 * @param reason why, for a refusal or an error; empty otherwise
 */
public record TxResult(
        String instructionId,
        String symbol,
        Side side,
        TxStatus status,
        double filledQuantity,
        double fillPrice,
        double fee,
        long ts,
        String reason) {

    /** Validates the fields: a fill has a positive quantity and price; a non-fill has none. */
    public TxResult {
        Checks.nonBlank(instructionId, "instructionId");
        Checks.nonBlank(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Checks.nonNegative(filledQuantity, "filledQuantity");
        Checks.nonNegative(fillPrice, "fillPrice");
        Checks.nonNegative(fee, "fee");
        reason = reason == null ? "" : reason;
        if (status.isFill() && (filledQuantity <= 0 || fillPrice <= 0)) {
            throw new IllegalArgumentException(status + " needs a positive quantity and price");
        }
        if (!status.isFill() && (filledQuantity != 0 || fillPrice != 0)) {
            throw new IllegalArgumentException(status + " cannot carry a filled quantity or fill price");
        }
    }

    /**
     * A complete fill.
     *
     * @param instruction the instruction filled
     * @param price the fill price
     * @param fee the fee
     * @param ts the fill time
     * @return the result
     */
    public static TxResult filled(TradeInstruction instruction, double price, double fee, long ts) {
        return new TxResult(instruction.id(), instruction.symbol(), instruction.side(), TxStatus.FILLED,
                instruction.quantity(), price, fee, ts, "");
    }

    /**
     * An acknowledgement of a working order.
     *
     * @param instruction the instruction accepted
     * @param ts the time
     * @return the result
     */
    public static TxResult accepted(TradeInstruction instruction, long ts) {
        return new TxResult(instruction.id(), instruction.symbol(), instruction.side(), TxStatus.ACCEPTED,
                0, 0, 0, ts, "");
    }

    /**
     * A refusal or an error.
     *
     * @param instruction the instruction
     * @param status {@link TxStatus#REJECTED} or {@link TxStatus#ERROR}
     * @param reason why
     * @param ts the time
     * @return the result
     */
    public static TxResult failed(TradeInstruction instruction, TxStatus status, String reason, long ts) {
        return new TxResult(instruction.id(), instruction.symbol(), instruction.side(), status, 0, 0, 0, ts, reason);
    }

    /** @return the signed filled quantity: positive for a buy, negative for a sell */
    public double signedQuantity() {
        return side.sign() * filledQuantity;
    }
}
