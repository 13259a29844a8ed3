package dev.stratagem.runtime.cycle;

import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.CycleError;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.GuardrailVerdict;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.TradeHistoryEntry;
import dev.stratagem.api.TxResult;
import java.util.ArrayList;
import java.util.List;

/** The mutable working state of one cycle while it runs; becomes an immutable {@link CycleRecord}. */
final class CycleDraft {

    final String composeId;
    final long sequence;
    final long ts;
    final long[] nanos = new long[CycleStep.values().length];
    PortfolioView before;
    ComposeContext context;
    ComposeResult decision;
    List<GuardrailVerdict> verdicts = List.of();
    List<TxResult> txResults = List.of();
    List<TradeHistoryEntry> closed = List.of();
    PortfolioView after;

    CycleDraft(String composeId, long sequence, long ts) {
        this.composeId = composeId;
        this.sequence = sequence;
        this.ts = ts;
    }

    /** Records the time since {@code start} against a step and returns the new start. */
    long lap(CycleStep step, long start) {
        long now = System.nanoTime();
        nanos[step.ordinal()] = now - start;
        return now;
    }

    void addTxResults(List<TxResult> results) {
        if (results.isEmpty()) {
            return;
        }
        if (txResults.isEmpty()) {
            txResults = results;
        } else {
            List<TxResult> all = new ArrayList<>(txResults);
            all.addAll(results);
            txResults = all;
        }
    }

    void addClosed(List<TradeHistoryEntry> trades) {
        if (trades.isEmpty()) {
            return;
        }
        if (closed.isEmpty()) {
            closed = trades;
        } else {
            List<TradeHistoryEntry> all = new ArrayList<>(closed);
            all.addAll(trades);
            closed = all;
        }
    }

    CycleRecord toRecord(String runId, String strategyId, List<ComponentVersion> versions, CycleStatus status,
            CycleError error) {
        return new CycleRecord(composeId, runId, strategyId, sequence, ts, status, versions, context, decision,
                verdicts, txResults, closed, after, new StageTimings(nanos), error);
    }
}
