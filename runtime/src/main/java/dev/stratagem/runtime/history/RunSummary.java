package dev.stratagem.runtime.history;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A run as it ends.
 *
 * @param runId the run id
 * @param finishedAt epoch milliseconds
 * @param status how it ended, for example {@code COMPLETED}, {@code STOPPED}, {@code FAILED}
 * @param cycles the cycles the run went through
 * @param recordedCycles the cycles written to the history (fewer under a sparse record level)
 * @param trades the number of trades
 * @param finalEquity the final equity from the exact ledger; {@code null} if unknown
 * @param totalReturn the total return as a fraction; {@code NaN} if unknown
 * @param maxDrawdown the maximum drawdown as a fraction; {@code NaN} if unknown
 * @param sharpe the annualised Sharpe ratio; {@code NaN} if unknown
 * @param resultDigest the SHA-256 result digest, may be empty
 * @param skippedRows input rows skipped as bad data
 */
public record RunSummary(
        String runId,
        long finishedAt,
        String status,
        long cycles,
        long recordedCycles,
        int trades,
        BigDecimal finalEquity,
        double totalReturn,
        double maxDrawdown,
        double sharpe,
        String resultDigest,
        int skippedRows) {

    /** The longest status the history keeps; a longer one (an error's message) is cut to it. */
    public static final int MAX_STATUS = 2000;

    /** Validates the ids and normalises the optional fields. */
    public RunSummary {
        RunInfo.requireText(runId, "runId");
        RunInfo.requireText(status, "status");
        status = fit(status);
        resultDigest = Objects.requireNonNullElse(resultDigest, "");
    }

    /**
     * @return the status as the history keeps it: cut to {@link #MAX_STATUS} characters with an ellipsis if longer,
     *     never between the two halves of a pair
     */
    static String fit(String status) {
        if (status.length() <= MAX_STATUS) {
            return status;
        }
        int end = MAX_STATUS - 1;
        if (Character.isHighSurrogate(status.charAt(end - 1))) {
            end--;
        }
        return status.substring(0, end) + "…";
    }
}
