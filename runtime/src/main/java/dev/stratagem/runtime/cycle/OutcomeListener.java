package dev.stratagem.runtime.cycle;

/**
 * A runtime listener that needs only a cycle's {@link CycleOutcome}, not its whole record. A
 * {@link dev.stratagem.api.StrategyListener} that also implements this is called here instead of with the
 * record, so a cycle nobody records builds no record (the risk engine follows every cycle's equity this way).
 */
public interface OutcomeListener {

    /** @param outcome the cycle just finished; valid only during the call */
    void onOutcome(CycleOutcome outcome);
}
