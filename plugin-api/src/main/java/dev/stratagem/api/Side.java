package dev.stratagem.api;

/** The direction of an order. */
public enum Side {
    /** Increases the position (or reduces a short). */
    BUY,
    /** Decreases the position (or reduces a long). */
    SELL;

    /** @return {@code +1} for a buy, {@code -1} for a sell */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
