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
import java.util.Arrays;
import java.util.List;

/**
 * The mutable working state of one cycle while it runs; becomes an immutable {@link CycleRecord}. One draft
 * serves every cycle of a coordinator ({@link #begin} clears it): a cycle is a few hundred nanoseconds, and
 * a draft and its timing array per cycle were a tenth of what it allocated.
 */
final class CycleDraft {

    String composeId;
    long sequence;
    long ts;
    final long[] nanos = new long[CycleStep.values().length];
    PortfolioView before;
    ComposeContext context;
    ComposeResult decision;
    List<GuardrailVerdict> verdicts = List.of();
    List<TxResult> txResults = List.of();
    List<TradeHistoryEntry> closed = List.of();
    PortfolioView after;

    /** Starts a new cycle: every field as a fresh draft has it. */
    CycleDraft begin(String composeId, long sequence, long ts) {
        this.composeId = composeId;
        this.sequence = sequence;
        this.ts = ts;
        Arrays.fill(nanos, 0);
        before = null;
        context = null;
        decision = null;
        verdicts = List.of();
        txResults = List.of();
        closed = List.of();
        after = null;
        return this;
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
