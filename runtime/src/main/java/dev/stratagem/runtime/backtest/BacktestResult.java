package dev.stratagem.runtime.backtest;

import dev.stratagem.api.TradeHistoryEntry;
import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of a backtest.
 *
 * @param runId the run id (also the prefix of every compose id)
 * @param strategyId the strategy
 * @param bars the number of bars replayed
 * @param cycles the number of cycles run
 * @param recordedCycles the number of cycles written to the history
 * @param failedCycles cycles that ended FAILED
 * @param trades every round trip, closed ones first, then open ones
 * @param initialCash the starting cash
 * @param finalEquity the exact final equity (cash plus positions at the last close)
 * @param totalReturn final equity over initial cash, minus one
 * @param maxDrawdown the largest peak-to-trough fall of the equity curve, as a fraction of the peak
 * @param sharpe the annualised Sharpe ratio of per-bar returns
 * @param resultDigest the SHA-256 over fills, equity curve and final positions
 * @param skippedRows CSV rows skipped with {@code --skip-bad-rows}
 * @param skipped why, for the first skipped rows of each file ({@code file:line: ...}, at most
 *     {@value dev.stratagem.runtime.marketdata.CsvCandleReader#MAX_SKIP_REASONS} a file)
 * @param elapsedNanos the wall time of the replay loop
 * @param cpu where the CPU time went while the loop ran
 * @param database the H2 file the run was recorded in, or {@code null}
 */
public record BacktestResult(
        String runId,
        String strategyId,
        long bars,
        long cycles,
        long recordedCycles,
        long failedCycles,
        List<TradeHistoryEntry> trades,
        BigDecimal initialCash,
        BigDecimal finalEquity,
        double totalReturn,
        double maxDrawdown,
        double sharpe,
        String resultDigest,
        int skippedRows,
        List<String> skipped,
        long elapsedNanos,
        ReplayCpu cpu,
        String database) {

    /** Copies the trade list. */
    public BacktestResult {
        trades = List.copyOf(trades);
        skipped = List.copyOf(skipped);
    }

    /** @return the number of closed round trips */
    public long closedTrades() {
        return trades.stream().filter(t -> !t.isOpen()).count();
    }
}
