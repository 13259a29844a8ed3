package dev.stratagem.runtime.risk;

import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StageTimings;
import java.util.List;

/** Minimal idle cycle records carrying a portfolio, for feeding the risk engine. */
final class RiskEngineCycles {

    private RiskEngineCycles() {}

    static CycleRecord cycle(String strategy, long seq, PortfolioView after) {
        return cycle(strategy, seq, seq * 86_400_000L, after);
    }

    /** A cycle of run {@code r} that failed before its portfolio was read: no portfolio after it. */
    static CycleRecord failed(String strategy, long seq, long ts) {
        return new CycleRecord("r-" + seq, "r", strategy, seq, ts, CycleStatus.FAILED, List.of(), null, null, List.of(),
                List.of(), List.of(), null, new StageTimings(new long[CycleStep.values().length]),
                new CycleError(CycleStep.FEATURES, "boom", "java.lang.IllegalStateException"));
    }

    /** A cycle of run {@code r} at a time of its own. */
    static CycleRecord cycle(String strategy, long seq, long ts, PortfolioView after) {
        return cycle(strategy, "r", seq, ts, after);
    }

    /** A cycle of a run at a time of its own. */
    static CycleRecord cycle(String strategy, String run, long seq, long ts, PortfolioView after) {
        return new CycleRecord(run + "-" + seq, run, strategy, seq, ts, CycleStatus.IDLE, List.of(), null,
                null, List.of(), List.of(), List.of(), after, new StageTimings(new long[CycleStep.values().length]), null);
    }
}
