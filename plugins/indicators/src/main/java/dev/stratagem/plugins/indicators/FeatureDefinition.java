package dev.stratagem.plugins.indicators;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One configured feature: which indicator computes it and which output of that indicator it reads.
 * Features with equal {@code indicatorKey}s share one indicator instance per symbol (the three Bollinger
 * bands of one period are one state machine).
 *
 * @param name the feature name, as it appears in every vector
 * @param indicatorKey identifies the indicator and its parameters
 * @param indicator makes a fresh indicator for a new symbol
 * @param output reads this feature's value from the indicator
 * @param warmup bars until this feature is a number
 * @param barField for a raw field of the latest bar, that field (equal to {@code output}); else null
 */
record FeatureDefinition(
        String name,
        String indicatorKey,
        Supplier<Indicator> indicator,
        ToDoubleFunction<Indicator> output,
        int warmup,
        BarField barField) {

    /** A feature computed by an indicator. */
    FeatureDefinition(String name, String indicatorKey, Supplier<Indicator> indicator,
            ToDoubleFunction<Indicator> output, int warmup) {
        this(name, indicatorKey, indicator, output, warmup, null);
    }
}
