package dev.stratagem.runtime.portfolio;

import dev.stratagem.api.TradeHistoryEntry;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One round trip while the ledger builds it, in exact decimals.
 *
 * <p>Size and prices: {@code enteredQuantity} is every unit bought into a long (sold into a short) while the
 * trade was open, the opening fill plus additions, and the entry price is their quantity-weighted average;
 * the exit side likewise. With those two averages the record is self-consistent even when a trade is scaled
 * out and back in: {@code realizedPnl == (exitPrice - entryPrice) * quantity} up to the rounding of the
 * averages. Fees are every fee of the fills that touched the trade; a fill that reverses a position splits
 * its fee between the closed and the opened trade pro rata by quantity.
 */
final class RoundTrip {

    final int number;
    final String symbol;
    /** +1 long, -1 short. */
    final int direction;
    final long entryTs;
    final String entryInstructionId;

    private BigDecimal enteredQuantity = BigDecimal.ZERO;
    private BigDecimal entryNotional = BigDecimal.ZERO;
    private BigDecimal exitedQuantity = BigDecimal.ZERO;
    private BigDecimal exitNotional = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private long exitTs;
    private String exitInstructionId = "";

    RoundTrip(int number, String symbol, int direction, long entryTs, String entryInstructionId) {
        this.number = number;
        this.symbol = symbol;
        this.direction = direction;
        this.entryTs = entryTs;
        this.entryInstructionId = entryInstructionId;
    }

    /** @param quantity unsigned */
    void addEntry(BigDecimal quantity, BigDecimal price, BigDecimal fee) {
        enteredQuantity = enteredQuantity.add(quantity);
        entryNotional = entryNotional.add(quantity.multiply(price));
        fees = fees.add(fee);
    }

    /** @param quantity unsigned */
    void addExit(BigDecimal quantity, BigDecimal price, BigDecimal realized, BigDecimal fee, long ts,
            String instructionId) {
        exitedQuantity = exitedQuantity.add(quantity);
        exitNotional = exitNotional.add(quantity.multiply(price));
        realizedPnl = realizedPnl.add(realized);
        fees = fees.add(fee);
        exitTs = ts;
        exitInstructionId = instructionId;
    }

    /** @return the exact realized PnL before fees, including partial exits of a trade still open */
    BigDecimal realizedPnl() {
        return realizedPnl;
    }

    /** @return the exact fees attributed so far */
    BigDecimal fees() {
        return fees;
    }

    BigDecimal enteredQuantity() {
        return enteredQuantity;
    }

    /** @param closed whether the position went back through flat */
    TradeHistoryEntry toEntry(String strategyId, boolean closed) {
        double quantity = direction * enteredQuantity.doubleValue();
        double entryPrice = entryNotional.divide(enteredQuantity, MathContext.DECIMAL64).doubleValue();
        if (!closed) {
            return new TradeHistoryEntry(strategyId + "-" + number, symbol, quantity, entryTs, entryPrice,
                    0, Double.NaN, 0, fees.doubleValue(), entryInstructionId, "");
        }
        double exitPrice = exitNotional.divide(exitedQuantity, MathContext.DECIMAL64).doubleValue();
        return new TradeHistoryEntry(strategyId + "-" + number, symbol, quantity, entryTs, entryPrice,
                exitTs, exitPrice, realizedPnl.doubleValue(), fees.doubleValue(), entryInstructionId,
                exitInstructionId);
    }
}
