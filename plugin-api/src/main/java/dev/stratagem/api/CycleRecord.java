package dev.stratagem.api;

import java.util.List;
import java.util.Objects;

/**
 * The complete audit trail of one decision cycle: what the strategy saw, which versions ran, what it
 * decided and why, what every guardrail said, what was executed, how the portfolio changed, how long each
 * step took and what failed. It answers "why did (or didn't) it trade?".
 *
 * @param composeId the cycle id
 * @param runId the run the cycle belongs to
 * @param strategyId the strategy
 * @param sequence the cycle's number within the run, from 1, contiguous
 * @param ts the timestamp of the triggering bar
 * @param status how the cycle ended
 * @param versions the components that ran
 * @param context the composer's input; {@code null} if the cycle failed before it was built
 * @param decision the composer's output; {@code null} if the composer did not run or failed
 * @param verdicts every guardrail verdict on every instruction
 * @param txResults the gateway's results: acknowledgements and fills of this cycle's instructions and
 *     fills of earlier instructions that settled at this bar
 * @param closedTrades round trips that closed in this cycle
 * @param portfolioAfter the portfolio at the end of the cycle; {@code null} if the cycle failed before it
 * @param timings the duration of each step
 * @param error why the cycle failed; {@code null} unless {@code status} is {@link CycleStatus#FAILED}
 */
public record CycleRecord(
        String composeId,
        String runId,
        String strategyId,
        long sequence,
        long ts,
        CycleStatus status,
        List<ComponentVersion> versions,
        ComposeContext context,
        ComposeResult decision,
        List<GuardrailVerdict> verdicts,
        List<TxResult> txResults,
        List<TradeHistoryEntry> closedTrades,
        PortfolioView portfolioAfter,
        StageTimings timings,
        CycleError error) {

    /** Validates the fields and copies the lists. */
    public CycleRecord {
        Checks.nonBlank(composeId, "composeId");
        Checks.nonBlank(runId, "runId");
        Checks.nonBlank(strategyId, "strategyId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        Objects.requireNonNull(status, "status");
        versions = List.copyOf(versions);
        verdicts = List.copyOf(verdicts);
        txResults = List.copyOf(txResults);
        closedTrades = List.copyOf(closedTrades);
        Objects.requireNonNull(timings, "timings");
        if ((status == CycleStatus.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a FAILED cycle needs an error and only a FAILED cycle has one");
        }
    }

    /** @return whether anything was filled in this cycle */
    public boolean hasFills() {
        for (TxResult tx : txResults) {
            if (tx.status().isFill()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the cycle did anything worth keeping at record level {@code activity} */
    public boolean hasActivity() {
        return hasActivity(status, txResults);
    }

    /**
     * @param status how a cycle ended
     * @param txResults its gateway results
     * @return whether such a cycle did anything worth keeping at record level {@code activity}: it traded,
     *     was rejected or failed, or the gateway reported something in it
     */
    public static boolean hasActivity(CycleStatus status, List<TxResult> txResults) {
        return status == CycleStatus.TRADED || status == CycleStatus.REJECTED || status == CycleStatus.FAILED
                || !txResults.isEmpty();
    }
}
