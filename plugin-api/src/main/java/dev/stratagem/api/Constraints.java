package dev.stratagem.api;

/**
 * The limits a strategy trades under; the guardrails enforce them on every instruction.
 *
 * <p>A limit of {@code Double.POSITIVE_INFINITY} (or {@code Integer.MAX_VALUE} for counts) means none.
 *
 * @param maxPositionQuantity the largest absolute position per instrument, in units
 * @param maxPositionNotional the largest absolute position value per instrument, in account currency
 * @param maxOrderNotional the largest value of a single order
 * @param maxLeverage the largest gross exposure divided by equity after the order
 * @param maxOpenPositions the largest number of instruments with a non-zero position
 * @param allowShort whether a sell may take a position below zero
 */
public record Constraints(
        double maxPositionQuantity,
        double maxPositionNotional,
        double maxOrderNotional,
        double maxLeverage,
        int maxOpenPositions,
        boolean allowShort) {

    /** No limits beyond buying power, long and short allowed. */
    public static final Constraints NONE = new Constraints(
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, Integer.MAX_VALUE, true);

    /** Validates that every limit is positive (infinity allowed). */
    public Constraints {
        positiveOrInfinite(maxPositionQuantity, "maxPositionQuantity");
        positiveOrInfinite(maxPositionNotional, "maxPositionNotional");
        positiveOrInfinite(maxOrderNotional, "maxOrderNotional");
        positiveOrInfinite(maxLeverage, "maxLeverage");
        if (maxOpenPositions <= 0) {
            throw new IllegalArgumentException("maxOpenPositions must be positive, was " + maxOpenPositions);
        }
    }

    private static void positiveOrInfinite(double value, String field) {
        if (Double.isNaN(value) || value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
