package dev.stratagem.api;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A strategy's trading record so far: one entry per traded instrument and the portfolio Sharpe ratio.
 * Each cycle's context carries the digest as of the end of the previous cycle.
 *
 * <p>Not a record since its Sharpe ratio became lazy ({@link #lazy}): the runtime makes a digest every cycle and
 * most composers never read the ratio. Its constructor, accessors, equality and text are those of the record it
 * was; record patterns and serializers that find record components by reflection no longer apply.
 */
public final class TradeDigest {

    /** An empty digest, before any trade. */
    public static final TradeDigest EMPTY = new TradeDigest(0, List.of(), 0);

    private final long ts;
    private final List<TradeDigestEntry> entries;
    /** The ratio as given, or NaN when {@code ratio} computes it. */
    private final double given;
    private final DoubleSupplier ratio;
    /** The computed ratio once read: written before {@link #known}, which publishes it. */
    private double computed;
    /**
     * Whether {@link #computed} holds the ratio. Volatile, and false by default: a digest is made every cycle, and
     * a volatile field written in the constructor cost a full fence each time (x86 {@code lock addl}).
     */
    private volatile boolean known;

    /**
     * @param ts when the digest was computed
     * @param entries one entry per instrument that has traded, ordered by symbol (copied)
     * @param sharpe the annualised Sharpe ratio of the equity curve so far, {@code 0} with too little data
     */
    public TradeDigest(long ts, List<TradeDigestEntry> entries, double sharpe) {
        this.ts = ts;
        this.entries = List.copyOf(entries);
        this.given = Checks.finite(sharpe, "sharpe");
        this.ratio = null;
    }

    private TradeDigest(long ts, List<TradeDigestEntry> entries, DoubleSupplier ratio) {
        this.ts = ts;
        this.entries = List.copyOf(entries);
        this.given = Double.NaN;
        this.ratio = Objects.requireNonNull(ratio, "sharpe");
    }

    /**
     * A digest whose Sharpe ratio is computed when first read. The function must use only values captured when
     * the digest was made (it may run on another thread, later); a result that is not finite reads as 0.
     *
     * @param ts when the digest was computed
     * @param entries one entry per instrument that has traded, ordered by symbol (copied)
     * @param sharpe computes the annualised Sharpe ratio
     * @return the digest
     */
    public static TradeDigest lazy(long ts, List<TradeDigestEntry> entries, DoubleSupplier sharpe) {
        return new TradeDigest(ts, entries, sharpe);
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
        if (ratio == null) {
            return given;
        }
        if (known) {
            return computed;
        }
        double value = ratio.getAsDouble();
        value = Double.isFinite(value) ? value : 0;   // the same value on every thread: a race computes it twice
        computed = value;
        known = true;
        return value;
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
