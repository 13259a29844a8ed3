package dev.stratagem.plugins.rules;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link SmaCrossoverComposer}.
 *
 * @param fast the fast average: reads {@code sma_<fast>} (default 10)
 * @param slow the slow average: reads {@code sma_<slow>} (default 30); above {@code fast}
 * @param quantity the size of an entry (default 100)
 * @param allowShort whether a cross below while flat sells short (default false)
 */
record SmaCrossoverConfig(int fast, int slow, double quantity, boolean allowShort) {

    static final SmaCrossoverConfig DEFAULTS = new SmaCrossoverConfig(10, 30, 100, false);
    static final Set<String> KEYS = Set.of("fast", "slow", "quantity", "allowShort");

    SmaCrossoverConfig {
        ConfigChecks.period(fast, "fast");
        ConfigChecks.period(slow, "slow");
        ConfigChecks.fastBelowSlow(fast, slow, "fast", "slow");
        ConfigChecks.quantity(quantity, "quantity");
    }

    static SmaCrossoverConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new SmaCrossoverConfig(
                params.getInt("fast", DEFAULTS.fast),
                params.getInt("slow", DEFAULTS.slow),
                params.getDouble("quantity", DEFAULTS.quantity),
                params.getBoolean("allowShort", DEFAULTS.allowShort));
    }
}
