package dev.stratagem.plugins.rules;

import java.util.List;
import java.util.function.Function;

/**
 * The entry and exit conditions of a long-only composer, over a fixed list of features. The conditions get
 * the values in the order of {@code features}, never NaN, and return the reason to act, or {@code null}.
 *
 * @param features the feature names the rule reads
 * @param entry why to buy while flat, or {@code null} to stay flat
 * @param exit why to close a long, or {@code null} to keep it
 */
record LongOnlyRule(List<String> features, Function<double[], String> entry, Function<double[], String> exit) {

    LongOnlyRule {
        features = List.copyOf(features);
    }
}
