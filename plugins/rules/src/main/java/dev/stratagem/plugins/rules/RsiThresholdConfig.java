package dev.stratagem.plugins.rules;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link RsiThresholdComposer}.
 *
 * @param period the RSI period: reads {@code rsi_<period>} (default 14)
 * @param oversold buy below this RSI (default 30)
 * @param overbought close above this RSI (default 70); above {@code oversold}, both within [0, 100]
 * @param quantity the size of an entry (default 100)
 */
record RsiThresholdConfig(int period, double oversold, double overbought, double quantity) {

    static final RsiThresholdConfig DEFAULTS = new RsiThresholdConfig(14, 30, 70, 100);
    static final Set<String> KEYS = Set.of("period", "oversold", "overbought", "quantity");

    RsiThresholdConfig {
        ConfigChecks.period(period, "period");
        inRange(oversold, "oversold");
        inRange(overbought, "overbought");
        if (oversold >= overbought) {
            throw new IllegalArgumentException("parameter 'oversold' (" + oversold + ") must be below 'overbought' ("
                    + overbought + ")");
        }
        ConfigChecks.quantity(quantity, "quantity");
    }

    static RsiThresholdConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new RsiThresholdConfig(
                params.getInt("period", DEFAULTS.period),
                params.getDouble("oversold", DEFAULTS.oversold),
                params.getDouble("overbought", DEFAULTS.overbought),
                params.getDouble("quantity", DEFAULTS.quantity));
    }

    private static void inRange(double value, String key) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be within [0, 100], was " + value);
        }
    }
}
