package dev.stratagem.runtime.risk;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.history.CycleSink;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.util.List;

/**
 * A kernel's history sink: each batch of cycle records goes in with the portfolio breaker's state after the last
 * of their updates, in one transaction, so the stored state is always that of a stored cycle. A cycle lost in a
 * crash (never committed) runs again after the restart, and updates the restored breaker again.
 */
public final class PortfolioStateSink implements CycleSink {

    private final JdbiHistoryStore store;
    private final RiskEngine engine;

    /**
     * Makes the engine keep its portfolio breaker's state after each cycle until this sink stores it.
     *
     * @param store the history
     * @param engine the kernel's risk engine, before its first cycle
     */
    public PortfolioStateSink(JdbiHistoryStore store, RiskEngine engine) {
        this.store = store;
        this.engine = engine;
        engine.keepPortfolioState();
    }

    @Override
    public void writeCycles(List<CycleRecord> batch) {
        PortfolioBreakerState state = engine.portfolioStateAfter(batch);
        store.writeCycles(batch, h -> {
            if (state != null) {
                RiskStore.savePortfolioState(h, state);
            }
        });
        engine.stored(batch);   // not before: a batch that failed is retried one record at a time, with its states
    }
}
