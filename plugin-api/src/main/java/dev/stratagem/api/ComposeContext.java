package dev.stratagem.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything a composer sees in one cycle. Nothing in it is later than the bar that triggered the cycle.
 *
 * @param ts the timestamp of the bar that triggered the cycle
 * @param composeId the cycle id: unique across runs, deterministic inside a backtest
 * @param strategyId the strategy the cycle belongs to
 * @param features the features of each of the strategy's instruments at this bar
 * @param portfolio the portfolio before the decision
 * @param digest the trading record as of the previous cycle
 * @param mode how the run trades: the same in every cycle of a run, or {@link RunMode#REPLAY} when the
 *     runtime hands an already decided context again (resume, hot-reload validation). Decide the same way
 *     in every mode where you can; use it only for what must differ, such as replaying recorded model
 *     answers in a backtest, or not calling a remote service on a replay
 */
public record ComposeContext(
        long ts,
        String composeId,
        String strategyId,
        List<FeatureVector> features,
        PortfolioView portfolio,
        TradeDigest digest,
        RunMode mode) {

    /** Validates the fields and copies the feature list. */
    public ComposeContext {
        Checks.nonBlank(composeId, "composeId");
        Checks.nonBlank(strategyId, "strategyId");
        features = List.copyOf(features);
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * @return this context as the runtime re-runs it after it was decided: the same fields, mode
     *     {@link RunMode#REPLAY}
     */
    public ComposeContext replayed() {
        return mode == RunMode.REPLAY ? this
                : new ComposeContext(ts, composeId, strategyId, features, portfolio, digest, RunMode.REPLAY);
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
        throw new IllegalArgumentException("no features for " + symbol + " in cycle " + composeId);
    }
}
