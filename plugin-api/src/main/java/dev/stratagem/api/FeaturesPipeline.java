package dev.stratagem.api;

import java.util.List;

/**
 * Turns market data into features: step 3 of the cycle.
 *
 * <p>Called exactly once per cycle, in time order, so a pipeline may update indicators incrementally
 * (O(1) per bar) from {@link MarketWindow#latest(String)} rather than recomputing the window.
 */
public interface FeaturesPipeline extends StrategyComponent {

    /**
     * @return how many bars the pipeline needs before its features are valid; the runtime does not call
     *     the composer before that many bars have been seen
     */
    int warmup();

    /**
     * @return the names of the features every vector will carry, in order; known after
     *     {@link #configure(Parameters)}, so the runtime can check at load time that the composer's
     *     {@link DecisionComposer#requiredFeatures()} are all produced
     */
    List<String> featureNames();

    /**
     * @param window the strategy's recent bars, newest last, nothing later than this cycle's bar
     * @return one vector per instrument that has data; never {@code null}
     */
    List<FeatureVector> compute(MarketWindow window);
}
