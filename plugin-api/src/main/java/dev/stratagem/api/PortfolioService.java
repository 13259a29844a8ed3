package dev.stratagem.api;

import java.util.List;

/**
 * Keeps a strategy's books: cash, positions, realized PnL and fees, exactly.
 */
public interface PortfolioService extends StrategyComponent {

    /** @return the portfolio as of the latest fill and mark */
    PortfolioView view();

    /**
     * Applies fills to the ledger.
     *
     * @param fills gateway results; those that are not fills are ignored
     * @return the round trips the fills closed
     */
    List<TradeHistoryEntry> apply(List<TxResult> fills);

    /**
     * Re-values the position in the bar's instrument at the bar's close.
     *
     * @param bar a bar
     */
    void mark(Candle bar);
}
