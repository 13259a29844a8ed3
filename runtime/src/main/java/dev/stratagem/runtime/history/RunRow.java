package dev.stratagem.runtime.history;

import java.math.BigDecimal;

/**
 * A stored run: its {@link RunInfo} and, once finished, its {@link RunSummary}. Until the run finishes,
 * {@code status} is {@value JdbiHistoryStore#RUNNING}, {@code finishedAt} is {@code 0}, the counts are those
 * recorded so far,
 * {@code finalEquity} is {@code null}, the ratios are {@code NaN} and {@code resultDigest} is empty. A run that ended
 * without a summary ({@code FAILED: ...}, {@code INTERRUPTED: ...}: {@link JdbiHistoryStore#endRun}) keeps the counts
 * of what it recorded and has no final equity, ratios or digest either.
 * {@code configJson} comes back as the database normalised it (whitespace, and key order on PostgreSQL);
 * {@code finalEquity} is stored at scale 12 and comes back without trailing zeros (compare with
 * {@code compareTo}).
 *
 * @param runId the run id
 * @param strategyId the strategy
 * @param mode backtest, paper or live
 * @param startedAt epoch milliseconds
 * @param configJson the strategy configuration
 * @param dataSource where the market data came from
 * @param status {@code RUNNING} or the final status
 * @param finishedAt epoch milliseconds, {@code 0} while running
 * @param cycles the cycles the run went through
 * @param recordedCycles the cycles written to the history
 * @param trades the number of trades
 * @param finalEquity the final equity, {@code null} while running or if unknown
 * @param totalReturn the total return as a fraction
 * @param maxDrawdown the maximum drawdown as a fraction
 * @param sharpe the annualised Sharpe ratio
 * @param resultDigest the result digest
 * @param skippedRows input rows skipped as bad data
 */
public record RunRow(
        String runId,
        String strategyId,
        String mode,
        long startedAt,
        String configJson,
        String dataSource,
        String status,
        long finishedAt,
        long cycles,
        long recordedCycles,
        int trades,
        BigDecimal finalEquity,
        double totalReturn,
        double maxDrawdown,
        double sharpe,
        String resultDigest,
        int skippedRows) {

    /** @return this run with the counts of a run still going */
    RunRow withProgress(long cyclesSoFar, long recordedSoFar, int tradesSoFar) {
        return new RunRow(runId, strategyId, mode, startedAt, configJson, dataSource, status, finishedAt, cyclesSoFar,
                recordedSoFar, tradesSoFar, finalEquity, totalReturn, maxDrawdown, sharpe, resultDigest, skippedRows);
    }

    /** @return whether {@link JdbiHistoryStore#finishRun} was called for this run */
    public boolean finished() {
        return !JdbiHistoryStore.RUNNING.equals(status);
    }
}
