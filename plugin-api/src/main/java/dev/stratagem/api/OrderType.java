package dev.stratagem.api;

/** How an order is priced. */
public enum OrderType {
    /** Fills at the market: in backtest and paper, at the next bar's open (or at the mark, if so configured). */
    MARKET,
    /** Fills only at the limit price or better. */
    LIMIT
}
