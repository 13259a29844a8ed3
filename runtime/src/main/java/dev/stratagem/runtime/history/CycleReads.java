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
     * Which cycles a chart of at most {@code points} points shows: the run's sequences {@code 1..last} split into
     * {@code points} equal buckets ({@code ceil(seq * points / last)}), and the latest recorded cycle of each, so
     * the run's last cycle is always there. Of every cycle (paper, live, a backtest at record all) that is exactly
     * {@code min(points, last)} evenly spread points; of a backtest at record activity, which keeps a few cycles
     * here and there, a bucket with none recorded is left out instead of the chart taking only the cycles whose
     * sequence falls on a step (a floored step of {@code last / points} gave a 500-point chart ~40 points there,
     * 19 points for 10 asked of 19 cycles, and one more than asked whenever the last was not a multiple).
     *
     * @param points the most points
     * @param last the run's latest stored sequence
     */
    record Sampling(long points, long last) {

        static Sampling of(long last, int points) {
            return new Sampling(Math.max(1, points), Math.max(1, last));
        }

        /** @return the bucket of a sequence in {@code 1..last}: 1 to {@code points} */
        long bucket(long sequence) {
            return Math.ceilDiv(sequence * points, last);
        }

        /** @return whether a run that recorded every cycle shows this one: the latest of its bucket */
        boolean keeps(long sequence) {
            return sequence == last || sequence < last && bucket(sequence) < bucket(sequence + 1);
        }
    }
}
