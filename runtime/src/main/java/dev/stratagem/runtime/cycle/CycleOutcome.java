package dev.stratagem.runtime.cycle;

import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.TxResult;
import java.util.List;

/**
 * What one cycle produced, as its driver reads it right after the cycle: the few fields a backtest loop needs
 * for every cycle (status, fills, portfolio after) and, on demand, the whole audit {@link #record()}.
 *
 * <p>Valid until the coordinator's next cycle, which reuses it: a driver that keeps a cycle keeps its
 * {@link #record()}. A backtest at record level {@code summary} or {@code activity} keeps few of its cycles, and
 * building the record for the others was a sixth of a cycle's cost.
 */
public interface CycleOutcome {

    /** @return the cycle's number within the run, from 1 */
    long sequence();

    /** @return the timestamp of the triggering bar */
    long ts();

    /** @return how the cycle ended */
    CycleStatus status();

    /** @return the gateway's results of this cycle (acknowledgements and fills) */
    List<TxResult> txResults();

    /** @return the portfolio at the end of the cycle; {@code null} if the cycle failed before it */
    PortfolioView portfolioAfter();

    /** @return whether the cycle did anything worth keeping at record level {@code activity} */
    default boolean hasActivity() {
        return CycleRecord.hasActivity(status(), txResults());
    }

    /** @return the cycle's whole record; built on the first call, the same object after */
    CycleRecord record();
}
