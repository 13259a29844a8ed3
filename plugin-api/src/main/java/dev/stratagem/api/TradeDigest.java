package dev.stratagem.api;

import java.util.List;
import java.util.Objects;

/**
 * A strategy's trading record so far: one entry per traded instrument and the portfolio Sharpe ratio.
 * Each cycle's context carries the digest as of the end of the previous cycle.
 *
 * <p>Not a record since its Sharpe ratio became lazy ({@link #ofReturns}): the runtime makes a digest every cycle and
 * most composers never read the ratio, so it keeps the returns' running moments and computes the ratio when read.
 * Its constructor, accessors, equality and text are those of the record it was; record patterns and serializers
 * that find record components by reflection no longer apply.
 */
public final class TradeDigest {

    /** An empty digest, before any trade. */
    public static final TradeDigest EMPTY = new TradeDigest(0, List.of(), 0);

    private final long ts;
    private final List<TradeDigestEntry> entries;
    /** How many returns the moments cover, or -1 when {@link #mean} is the ratio as given. */
    private final long returns;
    private final double mean;
    private final double m2;
    private final double periodsPerYear;

    /**
     * @param ts when the digest was computed
     * @param entries one entry per instrument that has traded, ordered by symbol (copied)
     * @param sharpe the annualised Sharpe ratio of the equity curve so far, {@code 0} with too little data
     */
    public TradeDigest(long ts, List<TradeDigestEntry> entries, double sharpe) {
        this(ts, entries, -1, Checks.finite(sharpe, "sharpe"), 0, 1);
    }

    private TradeDigest(long ts, List<TradeDigestEntry> entries, long returns, double mean, double m2,
            double periodsPerYear) {
        this.ts = ts;
        this.entries = List.copyOf(entries);
        this.returns = returns;
        this.mean = mean;
        this.m2 = m2;
        this.periodsPerYear = periodsPerYear;
    }

    /**
     * A digest whose Sharpe ratio is that of the equity curve's period returns, given by their running moments
     * (Welford's): {@link #sharpe(long, double, double, double)} of them, computed when read. A digest is made every
     * cycle; a function object per digest was as large as the digest.
     *
     * @param ts when the digest was computed
     * @param entries one entry per instrument that has traded, ordered by symbol (copied)
     * @param returns how many period returns there are, not negative
     * @param mean their mean
     * @param m2 the sum of their squared deviations from the mean
     * @param periodsPerYear periods per year, for annualising; positive and finite
     * @return the digest
     */
    public static TradeDigest ofReturns(long ts, List<TradeDigestEntry> entries, long returns, double mean, double m2,
            double periodsPerYear) {
        if (returns < 0) {
            throw new IllegalArgumentException("returns must not be negative, was " + returns);
        }
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periodsPerYear must be positive and finite, was " + periodsPerYear);
        }
        return new TradeDigest(ts, entries, returns, mean, m2, periodsPerYear);
    }

    /**
     * The Sharpe ratio a digest reports: the mean period return over the returns' sample standard deviation,
     * annualised, risk-free rate 0.
     *
     * @param returns how many period returns
     * @param mean their mean
     * @param m2 the sum of their squared deviations from the mean
     * @param periodsPerYear periods per year
     * @return {@code mean / sqrt(m2 / (returns - 1)) * sqrt(periodsPerYear)}; 0 with fewer than two returns, no
     *     variance, or a result that is not finite
     */
    public static double sharpe(long returns, double mean, double m2, double periodsPerYear) {
        if (returns < 2 || !(m2 > 0)) {
            return 0;
        }
        double sharpe = mean / Math.sqrt(m2 / (returns - 1)) * Math.sqrt(periodsPerYear);
        return Double.isFinite(sharpe) ? sharpe : 0;
    }

    /** @return when the digest was computed */
    public long ts() {
        return ts;
    }

    /** @return one entry per instrument that has traded, ordered by symbol */
    public List<TradeDigestEntry> entries() {
        return entries;
    }

    /** @return the annualised Sharpe ratio of the equity curve so far, {@code 0} with too little data */
    public double sharpe() {
        return returns < 0 ? mean : sharpe(returns, mean, m2, periodsPerYear);
    }

    /** @return the number of closed trades over all instruments */
    public int tradeCount() {
        int n = 0;
        for (TradeDigestEntry e : entries) {
            n += e.tradeCount();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeDigest other && ts == other.ts && entries.equals(other.entries)
                && Double.compare(sharpe(), other.sharpe()) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, entries, sharpe());
    }

    @Override
    public String toString() {
        return "TradeDigest[ts=" + ts + ", entries=" + entries + ", sharpe=" + sharpe() + "]";
    }
}
