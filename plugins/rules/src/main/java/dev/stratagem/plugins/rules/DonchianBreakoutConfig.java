package dev.stratagem.plugins.rules;

import dev.stratagem.api.Parameters;
import java.util.Set;

/**
 * Parameters of {@link DonchianBreakoutComposer}.
 *
 * @param entry the entry channel: reads {@code donchian_high_<entry>} (default 20)
 * @param exit the exit channel: reads {@code donchian_low_<exit>} (default 10)
 * @param quantity the size of an entry (default 100)
 */
record DonchianBreakoutConfig(int entry, int exit, double quantity) {

    static final DonchianBreakoutConfig DEFAULTS = new DonchianBreakoutConfig(20, 10, 100);
    static final Set<String> KEYS = Set.of("entry", "exit", "quantity");

    DonchianBreakoutConfig {
        ConfigChecks.period(entry, "entry");
        ConfigChecks.period(exit, "exit");
        ConfigChecks.quantity(quantity, "quantity");
    }

    static DonchianBreakoutConfig from(Parameters params, String component) {
        params.requireOnly(component, KEYS);
        return new DonchianBreakoutConfig(
                params.getInt("entry", DEFAULTS.entry),
                params.getInt("exit", DEFAULTS.exit),
                params.getDouble("quantity", DEFAULTS.quantity));
    }
}
