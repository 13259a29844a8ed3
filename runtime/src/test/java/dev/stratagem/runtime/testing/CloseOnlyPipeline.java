package dev.stratagem.runtime.testing;

import dev.stratagem.api.Candle;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.MarketWindow;
import java.util.List;

/** A features pipeline for tests: the latest close of {@code ACME} as the one feature {@code close}. */
public class CloseOnlyPipeline implements FeaturesPipeline {

    private final int warmup;

    /** With no warm-up. */
    public CloseOnlyPipeline() {
        this(0);
    }

    /** @param warmup the bars it needs before it emits */
    public CloseOnlyPipeline(int warmup) {
        this.warmup = warmup;
    }

    @Override
    public String id() {
        return "close-only";
    }

    @Override
    public int warmup() {
        return warmup;
    }

    @Override
    public List<String> featureNames() {
        return List.of("close");
    }

    @Override
    public List<FeatureVector> compute(MarketWindow window) {
        Candle c = window.latest("ACME");
        return List.of(new FeatureVector("ACME", c.ts(), List.of("close"), new double[] {c.close()}));
    }
}
