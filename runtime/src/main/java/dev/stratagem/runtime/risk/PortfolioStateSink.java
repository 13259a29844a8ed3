package dev.stratagem.runtime.risk;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.runtime.cycle.ComposeId;
import dev.stratagem.runtime.history.CycleSink;
import dev.stratagem.runtime.history.JdbiHistoryStore;
import java.util.List;

/**
 * A kernel's history sink: each batch of cycle records goes in with the portfolio breaker's state after the latest
 * update whose cycle, and every earlier update's, is stored by then (the watermark: {@link UnstoredStates}), in the
 * batch's transaction, with the updates of the batch's cycles after that state ({@link BreakerUpdate}). So the stored
 * state never holds a cycle a crash could lose: such a cycle runs again after the restart, into a breaker that has not
 * seen it; and a stored cycle after the state, which does not run again, is applied again ({@link PortfolioReplay}).
 */
public final class PortfolioStateSink implements CycleSink {

    private final JdbiHistoryStore store;
    private final UnstoredStates states;

    /**
     * Makes the engine keep its portfolio breaker's state after each cycle until this sink stores it.
     *
     * @param store the history
     * @param engine the kernel's risk engine, before its first cycle
     */
    public PortfolioStateSink(JdbiHistoryStore store, RiskEngine engine) {
        this.store = store;
        this.states = engine.keepPortfolioState();
    }

    @Override
    public void writeCycles(List<CycleRecord> batch) {
        PortfolioBreakerState state = states.storableWith(batch);
        List<BreakerUpdate> after = states.updatesAfter(batch, state);
        store.writeCycles(batch, h -> {
            if (state != null) {
                RiskStore.savePortfolioState(h, state);
            }
            RiskStore.savePortfolioUpdates(h, after);
        });
        states.stored(batch, state);
    }

    /** A record the history gave up on: its state must not hold back the states after it. */
    @Override
    public void notWritten(CycleRecord record) {
        states.forget(new ComposeId(record.runId(), record.sequence()));
    }
}
