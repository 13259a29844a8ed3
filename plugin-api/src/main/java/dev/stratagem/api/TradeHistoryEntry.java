package dev.stratagem.api;

/**
 * One round trip: a position opened from flat and closed (or reversed) back through flat.
 *
 * <p>An open trade has {@code exitTs == 0}, {@code exitPrice} {@code NaN} and no realized PnL yet.
 *
 * @param tradeId a deterministic id, {@code <strategyId>-<n>}
 * @param symbol the instrument symbol
 * @param quantity the signed size at entry: positive long, negative short
 * @param entryTs when the entry filled
 * @param entryPrice the entry fill price (average, if scaled in)
 * @param exitTs when the exit filled, {@code 0} while open
 * @param exitPrice the exit fill price (average, if scaled out), {@code NaN} while open
 * @param realizedPnl the profit or loss of the round trip before fees
 * @param fees the fees paid on entry and exit
 * @param entryInstructionId the instruction that opened the trade
 * @param exitInstructionId the instruction that closed it, empty while open
 */
public record TradeHistoryEntry(
        String tradeId,
        String symbol,
        double quantity,
        long entryTs,
        double entryPrice,
        long exitTs,
        double exitPrice,
        double realizedPnl,
        double fees,
        String entryInstructionId,
        String exitInstructionId) {

    /** Validates the fields. */
    public TradeHistoryEntry {
        Checks.nonBlank(tradeId, "tradeId");
        Checks.nonBlank(symbol, "symbol");
        Checks.finite(quantity, "quantity");
        Checks.positive(entryPrice, "entryPrice");
        Checks.finite(realizedPnl, "realizedPnl");
        Checks.nonNegative(fees, "fees");
        Checks.nonBlank(entryInstructionId, "entryInstructionId");
        exitInstructionId = exitInstructionId == null ? "" : exitInstructionId;
    }

    /** @return whether the trade is still open */
    public boolean isOpen() {
        return exitTs == 0;
    }

    /** @return how long the trade was held, in milliseconds; zero while open */
    public long holdingMillis() {
        return isOpen() ? 0 : exitTs - entryTs;
    }
}
