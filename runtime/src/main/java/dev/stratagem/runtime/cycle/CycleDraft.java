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
 * The mutable working state of one cycle while it runs, and its {@link CycleOutcome} after; becomes an
 * immutable {@link CycleRecord} when someone asks. One draft serves every cycle of a coordinator ({@link #begin}
 * clears it): a cycle is a few hundred nanoseconds, and a draft and its timing array per cycle were a tenth of
 * what it allocated.
 */
final class CycleDraft implements CycleOutcome {

    private final String runId;
    private final String strategyId;
    /** {@code <runId>-}: the compose id is this and the sequence number. */
    final String idPrefix;
    /** Written on first read (see {@link #composeId()}). */
    private String composeId;
    long sequence;
    long ts;
    /** Whether this cycle's steps are timed (see {@link StageTimings#BACKTEST_SAMPLE}). */
    boolean timed;
    final long[] nanos = new long[CycleStep.values().length];
    PortfolioView before;
    ComposeContext context;
    ComposeResult decision;
    List<GuardrailVerdict> verdicts = List.of();
    List<TxResult> txResults = List.of();
    List<TradeHistoryEntry> closed = List.of();
    PortfolioView after;
    private CycleStatus status;
    private CycleError error;
    private List<ComponentVersion> versions;
    private CycleRecord record;

    CycleDraft(String runId, String strategyId) {
        this.runId = runId;
        this.strategyId = strategyId;
        this.idPrefix = ComposeId.prefix(runId);
    }

    /** Starts a new cycle: every field as a fresh draft has it. */
    CycleDraft begin(long sequence, long ts, boolean timed) {
        this.composeId = null;
        this.sequence = sequence;
        this.ts = ts;
        if (this.timed) {
            Arrays.fill(nanos, 0);
        }
        this.timed = timed;
        before = null;
        context = null;
        decision = null;
        verdicts = List.of();
        txResults = List.of();
        closed = List.of();
        after = null;
        status = null;
        error = null;
        versions = null;
        record = null;
        return this;
    }

    /**
     * @return the cycle's compose id, {@code <runId>-<sequence>}: the context's if it has one (the same string),
     *     otherwise written now; most idle backtest cycles never need it as text
     */
    String composeId() {
        if (composeId == null) {
            composeId = context != null ? context.composeId() : idPrefix + sequence;
        }
        return composeId;
    }

    /** @return the clock now if this cycle is timed, else 0 (the clock is not read) */
    long start() {
        return timed ? System.nanoTime() : 0;
    }

    /** Records the time since {@code start} against a step and returns the new start (untimed: nothing, 0). */
    long lap(CycleStep step, long start) {
        if (!timed) {
            return 0;
        }
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

    /** Ends the cycle: how it ended, why if it failed, and the versions that ran. */
    CycleDraft end(CycleStatus status, CycleError error, List<ComponentVersion> versions) {
        this.status = status;
        this.error = error;
        this.versions = versions;
        return this;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public long ts() {
        return ts;
    }

    @Override
    public CycleStatus status() {
        return status;
    }

    @Override
    public List<TxResult> txResults() {
        return txResults;
    }

    @Override
    public PortfolioView portfolioAfter() {
        return after;
    }

    @Override
    public CycleRecord record() {
        if (record == null) {
            record = new CycleRecord(composeId(), runId, strategyId, sequence, ts, status, versions, context, decision,
                    verdicts, txResults, closed, after, timed ? new StageTimings(nanos) : StageTimings.NONE, error);
        }
        return record;
    }
}
