package dev.stratagem.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything a composer sees in one cycle. Nothing in it is later than the bar that triggered the cycle.
 *
 * <p>Not a record since its compose id became lazy ({@link #numbered}): its constructor, accessors, equality and
 * text are those of the record it was. What no longer works on it is what only works on records: a record
 * pattern ({@code ctx instanceof ComposeContext(var ts, ...)}), and a serializer that finds record components
 * by reflection (map the accessors instead, as the runtime's JSON does).
 */
public final class ComposeContext {

    private final long ts;
    /** The whole compose id when {@code idNumber} is negative; else the text before the number. */
    private final String idPrefix;
    private final long idNumber;
    /** Built from the prefix and number on first read: most backtest cycles are never read by id. */
    private String numberedId;
    private final String strategyId;
    private final List<FeatureVector> features;
    private final PortfolioView portfolio;
    private final TradeDigest digest;
    private final RunMode mode;

    /**
     * @param ts the timestamp of the bar that triggered the cycle
     * @param composeId the cycle id: unique across runs, deterministic inside a backtest
     * @param strategyId the strategy the cycle belongs to
     * @param features the features of each of the strategy's instruments at this bar (copied)
     * @param portfolio the portfolio before the decision
     * @param digest the trading record as of the previous cycle
     * @param mode how the run trades: the same in every cycle of a run, or {@link RunMode#REPLAY} when the
     *     runtime hands an already decided context again (resume, hot-reload validation). Decide the same way
     *     in every mode where you can; use it only for what must differ, such as replaying recorded model
     *     answers in a backtest, or not calling a remote service on a replay
     */
    public ComposeContext(long ts, String composeId, String strategyId, List<FeatureVector> features,
            PortfolioView portfolio, TradeDigest digest, RunMode mode) {
        this(ts, Checks.nonBlank(composeId, "composeId"), -1, strategyId, features, portfolio, digest, mode);
    }

    private ComposeContext(long ts, String idPrefix, long idNumber, String strategyId,
            List<FeatureVector> features, PortfolioView portfolio, TradeDigest digest, RunMode mode) {
        this.ts = ts;
        this.idPrefix = idPrefix;
        this.idNumber = idNumber;
        this.strategyId = Checks.nonBlank(strategyId, "strategyId");
        this.features = List.copyOf(features);
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * A context whose compose id is {@code idPrefix + number}, written as text only when something reads it
     * (the runtime numbers its cycles {@code <runId>-1}, {@code <runId>-2}, ...).
     *
     * @param ts the timestamp of the bar that triggered the cycle
     * @param idPrefix the compose id before the number, not blank
     * @param number the number, not negative
     * @param strategyId the strategy
     * @param features the features of each instrument (copied)
     * @param portfolio the portfolio before the decision
     * @param digest the trading record as of the previous cycle
     * @param mode the run's mode
     * @return the context
     */
    public static ComposeContext numbered(long ts, String idPrefix, long number, String strategyId,
            List<FeatureVector> features, PortfolioView portfolio, TradeDigest digest, RunMode mode) {
        Checks.nonBlank(idPrefix, "idPrefix");
        if (number < 0) {
            throw new IllegalArgumentException("number must not be negative, was " + number);
        }
        return new ComposeContext(ts, idPrefix, number, strategyId, features, portfolio, digest, mode);
    }

    /** @return the timestamp of the bar that triggered the cycle */
    public long ts() {
        return ts;
    }

    /** @return the cycle id: unique across runs, deterministic inside a backtest */
    public String composeId() {
        if (idNumber < 0) {
            return idPrefix;
        }
        String id = numberedId;
        if (id == null) {
            // from final fields only, so the same text on every thread, however the context was shared: a race
            // only writes it twice
            id = idPrefix + idNumber;
            numberedId = id;
        }
        return id;
    }

    /** @return the strategy the cycle belongs to */
    public String strategyId() {
        return strategyId;
    }

    /** @return the features of each of the strategy's instruments at this bar */
    public List<FeatureVector> features() {
        return features;
    }

    /** @return the portfolio before the decision */
    public PortfolioView portfolio() {
        return portfolio;
    }

    /** @return the trading record as of the previous cycle */
    public TradeDigest digest() {
        return digest;
    }

    /** @return how the run trades, or {@link RunMode#REPLAY} for a context handed again */
    public RunMode mode() {
        return mode;
    }

    /**
     * @return this context as the runtime re-runs it after it was decided: the same fields, mode
     *     {@link RunMode#REPLAY}
     */
    public ComposeContext replayed() {
        return mode == RunMode.REPLAY ? this
                : new ComposeContext(ts, idPrefix, idNumber, strategyId, features, portfolio, digest, RunMode.REPLAY);
    }

    /**
     * @param symbol an instrument symbol
     * @return its features at this bar
     * @throws IllegalArgumentException if the pipeline produced none for it
     */
    public FeatureVector features(String symbol) {
        for (FeatureVector f : features) {
            if (f.symbol().equals(symbol)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no features for " + symbol + " in cycle " + composeId());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposeContext other && ts == other.ts && composeId().equals(other.composeId())
                && strategyId.equals(other.strategyId) && features.equals(other.features)
                && portfolio.equals(other.portfolio) && digest.equals(other.digest) && mode == other.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, composeId(), strategyId, features, portfolio, digest, mode);
    }

    @Override
    public String toString() {
        return "ComposeContext[ts=" + ts + ", composeId=" + composeId() + ", strategyId=" + strategyId
                + ", features=" + features + ", portfolio=" + portfolio + ", digest=" + digest + ", mode=" + mode
                + "]";
    }
}
