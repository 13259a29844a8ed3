package dev.stratagem.runtime.history;

import java.util.List;
import java.util.Optional;

/**
 * The reads of one run's cycles that the console, the API and the CLI make, answered the same way whether
 * the run's history is one row per cycle ({@link RowCycleReads}: paper and live) or blocks
 * ({@link BlockCycleReads}: backtests). {@link JdbiHistoryStore} picks the one that holds the run.
 */
interface CycleReads {

    /** @return one page of the run's cycles after {@code afterSequence}, by sequence */
    List<CycleRow> cycleRows(String runId, long afterSequence, int limit);

    /** @return how many of the run's cycles are stored */
    long count(String runId);

    /** @return one filtered keyset page of the run's cycles */
    CyclePage cycles(CycleFilter filter);

    /** @return the equity after each sampled cycle (see {@link Sampling}) */
    List<SeriesPoint> equity(String runId, int points);

    /** @return the feature's value at each sampled cycle, any symbol, NaN values left out */
    List<SeriesPoint> feature(String runId, String name, int points);

    /** @return the sampled cycles' open, high, low and close features, by sequence and symbol */
    List<PriceSeries.Bar> bars(String runId, int points);

    /** @return the equity after the run's latest cycle that has a portfolio */
    Optional<SeriesPoint> lastEquity(String runId);

    /** @return the sequence of the run's latest stored cycle, {@code 0} if none */
    long lastSequence(String runId);

    /**
     * Which cycles a chart of at most {@code points} points shows: every {@code step}-th by sequence, plus the last.
     * The step is {@code ceil(last / points)}, so the multiples and the last are never more than {@code points}
     * (a floored step gave 19 points for 10 asked of 19 cycles, and one more than asked whenever the last was not
     * a multiple).
     *
     * @param step the sampling step
     * @param last the run's latest stored sequence
     */
    record Sampling(long step, long last) {

        static Sampling of(long last, int points) {
            return new Sampling(Math.max(1, Math.ceilDiv(last, Math.max(1, points))), last);
        }

        boolean keeps(long sequence) {
            return sequence % step == 0 || sequence == last;
        }
    }
}
