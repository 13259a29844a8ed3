package dev.stratagem.plugins.rules;

import dev.stratagem.api.Parameters;
import java.util.Locale;
import java.util.Set;

/**
 * Parameters of {@link MomentumComposer}.
 *
 * @param lookback the rate-of-change period: reads {@code roc_<lookback>} (default 20)
 * @param threshold enter above this rate of change, exit below its negative (default 0.02); not negative
 * @param volumeThreshold enter only when the volume z-score is above this (default 0.0)
 * @param volumePeriod the volume z-score period: reads {@code volume_z_<volumePeriod>} (default 20)
 * @param fast the fast moving average of the trend filter (default 10)
 * @param slow the slow moving average of the trend filter (default 50); above {@code fast}
 * @param ma the moving average kind of the trend filter: {@code sma} (default) or {@code ema}
 * @param quantity the size of an entry (default 100)
 */
record MomentumConfig(
        int lookback, double threshold, double volumeThreshold, int volumePeriod, int fast, int slow, String ma,
        double quantity) {

    static final MomentumConfig DEFAULTS = new MomentumConfig(20, 0.02, 0.0, 20, 10, 50, "sma", 100);
    static final Set<String> KEYS =
            Set.of("lookback", "threshold", "volumeThreshold", "volumePeriod", "fast", "slow", "ma", "quantity");

    MomentumConfig {
        ConfigChecks.period(lookback, "lookback");
        ConfigChecks.nonNegative(threshold, "threshold");
        ConfigChecks.finite(volumeThreshold, "volumeThreshold");
        ConfigChecks.period(volumePeriod, "volumePeriod");
        ConfigChecks.period(fast, "fast");
        ConfigChecks.period(slow, "slow");
        ConfigChecks.fastBelowSlow(fast, slow, "fast", "slow");
        ma = ma == null ? "" : ma.trim().toLowerCase(Locale.ROOT);
        if (!ma.equals("sma") && !ma.equals("ema")) {
            throw new IllegalArgumentException("parameter 'ma' must be sma or ema, was '" + ma + "'");
        }
        ConfigChecks.quantity(quantity, "quantity");
    }

    static MomentumConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new MomentumConfig(
                params.getInt("lookback", DEFAULTS.lookback),
                params.getDouble("threshold", DEFAULTS.threshold),
                params.getDouble("volumeThreshold", DEFAULTS.volumeThreshold),
                params.getInt("volumePeriod", DEFAULTS.volumePeriod),
                params.getInt("fast", DEFAULTS.fast),
                params.getInt("slow", DEFAULTS.slow),
                params.getString("ma", DEFAULTS.ma),
                params.getDouble("quantity", DEFAULTS.quantity));
    }
}
