package dev.stratagem.plugins.indicators;

import dev.stratagem.api.Candle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The indicator state of one symbol: each distinct indicator once, and where each feature reads from. */
final class SymbolFeatures {

    /** The indicators some output reads; the latest-bar one, when only bar fields use it, is not fed. */
    private final Indicator[] indicators;
    private final Indicator[] sources;
    private final ToDoubleFunction<Indicator>[] outputs;
    /** Per feature, the bar field it is, or null: read from the bar, the output call site sees fewer types. */
    private final BarField[] barFields;
    private final double[] values;

    @SuppressWarnings("unchecked")
    SymbolFeatures(List<FeatureDefinition> definitions) {
        Map<String, Indicator> byKey = new LinkedHashMap<>();
        Map<String, Indicator> read = new LinkedHashMap<>();   // fed every bar: some output reads their state
        sources = new Indicator[definitions.size()];
        outputs = new ToDoubleFunction[definitions.size()];
        barFields = new BarField[definitions.size()];
        for (int i = 0; i < sources.length; i++) {
            FeatureDefinition d = definitions.get(i);
            sources[i] = byKey.computeIfAbsent(d.indicatorKey(), k -> d.indicator().get());
            outputs[i] = d.output();
            barFields[i] = d.barField();
            if (barFields[i] == null) {
                read.putIfAbsent(d.indicatorKey(), sources[i]);
            }
        }
        indicators = read.values().toArray(Indicator[]::new);
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
            BarField field = barFields[i];
            values[i] = field != null ? field.of(bar) : outputs[i].applyAsDouble(sources[i]);
        }
        return values;
    }
}
