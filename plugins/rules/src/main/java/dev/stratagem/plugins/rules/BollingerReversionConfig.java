package dev.stratagem.plugins.rules;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link BollingerReversionComposer}.
 *
 * @param period the band period: reads {@code bb_lower_<period>} and {@code bb_middle_<period>} (default 20)
 * @param quantity the size of an entry (default 100)
 */
record BollingerReversionConfig(int period, double quantity) {

    static final BollingerReversionConfig DEFAULTS = new BollingerReversionConfig(20, 100);
    static final Set<String> KEYS = Set.of("period", "quantity");

    BollingerReversionConfig {
        ConfigChecks.period(period, "period");
        ConfigChecks.quantity(quantity, "quantity");
    }

    static BollingerReversionConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new BollingerReversionConfig(
                params.getInt("period", DEFAULTS.period),
                params.getDouble("quantity", DEFAULTS.quantity));
    }
}
