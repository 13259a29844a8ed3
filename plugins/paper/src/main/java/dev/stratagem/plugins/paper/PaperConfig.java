package dev.stratagem.plugins.paper;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link PaperExecutionGateway}.
 *
 * @param fill {@code next-open} (default) or {@code mark}
 * @param feeBps the fee on the fill's notional, in basis points (default 0); not negative
 * @param slippageBps the price concession on every fill, in basis points (default 0); not negative,
 *     below 10000 so a sell never fills at a price of zero or less
 */
record PaperConfig(FillModel fill, double feeBps, double slippageBps) {

    static final PaperConfig DEFAULTS = new PaperConfig(FillModel.NEXT_OPEN, 0, 0);
    static final Set<String> KEYS = Set.of("fill", "feeBps", "slippageBps");

    PaperConfig {
        if (fill == null) {
            throw new IllegalArgumentException("parameter 'fill' must be next-open or mark");
        }
        nonNegative(feeBps, "feeBps");
        nonNegative(slippageBps, "slippageBps");
        if (slippageBps >= 10_000) {
            throw new IllegalArgumentException("parameter 'slippageBps' must be below 10000, was " + slippageBps);
        }
    }

    static PaperConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new PaperConfig(
                FillModel.parse(params.getString("fill", DEFAULTS.fill.key()).trim()),
                params.getDouble("feeBps", DEFAULTS.feeBps),
                params.getDouble("slippageBps", DEFAULTS.slippageBps));
    }

    private static void nonNegative(double value, String key) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be finite and not negative, was " + value);
        }
    }
}
