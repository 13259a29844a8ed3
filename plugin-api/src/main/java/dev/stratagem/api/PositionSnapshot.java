package dev.stratagem.api;

/**
 * One instrument's position at a point in time.
 *
 * @param symbol the instrument symbol
 * @param quantity the signed quantity: positive long, negative short, never zero in a view
 * @param averagePrice the average entry price of the open quantity
 * @param markPrice the latest price the position is valued at
 * @param unrealizedPnl {@code quantity * (markPrice - averagePrice)}
 * @param openedAt when the position was opened from flat, epoch milliseconds
 */
public record PositionSnapshot(
        String symbol, double quantity, double averagePrice, double markPrice, double unrealizedPnl, long openedAt) {

    /** Validates the fields. */
    public PositionSnapshot {
        Checks.nonBlank(symbol, "symbol");
        Checks.finite(quantity, "quantity");
        Checks.nonNegative(averagePrice, "averagePrice");
        Checks.nonNegative(markPrice, "markPrice");
        Checks.finite(unrealizedPnl, "unrealizedPnl");
    }

    /** @return the absolute value of the position at its mark */
    public double notional() {
        return Math.abs(quantity * markPrice);
    }

    /** @return whether the position is long */
    public boolean isLong() {
        return quantity > 0;
    }
}
