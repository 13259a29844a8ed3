package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The indicator state of one symbol: each distinct indicator once, and where each feature reads from. */
final class SymbolFeatures {

    private final Indicator[] indicators;
    private final Indicator[] sources;
    private final List<ToDoubleFunction<Indicator>> outputs;
    private final double[] values;

    SymbolFeatures(List<FeatureDefinition> definitions) {
        Map<String, Indicator> byKey = new LinkedHashMap<>();
        sources = new Indicator[definitions.size()];
        outputs = new ArrayList<>(definitions.size());
        for (int i = 0; i < sources.length; i++) {
            FeatureDefinition d = definitions.get(i);
            sources[i] = byKey.computeIfAbsent(d.indicatorKey(), k -> d.indicator().get());
            outputs.add(d.output());
        }
        indicators = byKey.values().toArray(Indicator[]::new);
        values = new double[sources.length];
    }

    /**
     * @param bar the symbol's next bar
     * @return the feature values after it; a scratch array overwritten by the next call
     */
    double[] update(Candle bar) {
        for (Indicator indicator : indicators) {
            indicator.update(bar);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = outputs.get(i).applyAsDouble(sources[i]);
        }
        return values;
    }
}
