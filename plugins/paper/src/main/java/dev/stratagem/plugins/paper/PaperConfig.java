package dev.stratagem.plugins.paper;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link PaperExecutionGateway}.
 *
 * @param fill {@code next-open} (default) or {@code mark}
 * @param feeBps the fee on the fill's notional, in basis points (default 0); not negative, at most 10000
 * @param slippageBps the price concession on every fill, in basis points (default 0); not negative,
 *     below 10000 so a sell never fills at a price of zero or less
 * @param latencyMs the simulated acknowledgement delay of every submission (default 0)
 * @param latencyJitterMs a uniform extra delay in {@code [0, latencyJitterMs]}, drawn from {@code seed} (default 0)
 * @param seed the jitter generator's seed (default 1)
 * @param journal a file remembering executed instruction ids across restarts; empty keeps them in memory
 */
record PaperConfig(FillModel fill, double feeBps, double slippageBps, long latencyMs, long latencyJitterMs, long seed,
        String journal) {

    static final PaperConfig DEFAULTS = new PaperConfig(FillModel.NEXT_OPEN, 0, 0, 0, 0, 1, "");
    static final Set<String> KEYS = Set.of("fill", "feeBps", "slippageBps", "latencyMs", "latencyJitterMs", "seed",
            "journal");

    PaperConfig(FillModel fill, double feeBps, double slippageBps) {
        this(fill, feeBps, slippageBps, 0, 0, 1, "");
    }

    PaperConfig {
        if (fill == null) {
            throw new IllegalArgumentException("parameter 'fill' must be next-open or mark");
        }
        nonNegative(feeBps, "feeBps");
        nonNegative(slippageBps, "slippageBps");
        if (latencyMs < 0 || latencyJitterMs < 0) {
            throw new IllegalArgumentException("parameters 'latencyMs' and 'latencyJitterMs' must not be negative");
        }
        journal = journal == null ? "" : journal.trim();
        if (feeBps > 10_000) {   // more than the notional: a typo, not a fee
            throw new IllegalArgumentException("parameter 'feeBps' must be at most 10000 (the whole notional), was "
                    + feeBps);
        }
        if (slippageBps >= 10_000) {
            throw new IllegalArgumentException("parameter 'slippageBps' must be below 10000, was " + slippageBps);
        }
    }

    static PaperConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new PaperConfig(
                FillModel.parse(params.getString("fill", DEFAULTS.fill.key()).trim()),
                params.getDouble("feeBps", DEFAULTS.feeBps),
                params.getDouble("slippageBps", DEFAULTS.slippageBps),
                params.getInt("latencyMs", 0), params.getInt("latencyJitterMs", 0), params.getInt("seed", 1),
                params.getString("journal", ""));
    }

    private static void nonNegative(double value, String key) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be finite and not negative, was " + value);
        }
    }
}
