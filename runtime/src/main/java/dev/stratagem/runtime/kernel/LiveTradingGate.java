package dev.stratagem.runtime.kernel;

import dev.stratagem.runtime.config.ConfigException;
import java.util.Map;

/**
 * Live trading cannot start by accident: mode {@code live} needs both the {@code --live} flag and
 * {@code STRATAGEM_LIVE_TRADING=I_UNDERSTAND} in the environment; {@code --live} with another mode is an
 * error too (it says the operator expected something else).
 */
public final class LiveTradingGate {

    /** The environment variable that must be set for live trading. */
    public static final String ENV = "STRATAGEM_LIVE_TRADING";
    /** Its required value. */
    public static final String CONSENT = "I_UNDERSTAND";

    private LiveTradingGate() {}

    /**
     * @param mode the run file's mode
     * @param liveFlag whether {@code --live} was given
     * @param env the environment
     * @throws ConfigException saying exactly what is missing
     */
    public static void check(String mode, boolean liveFlag, Map<String, String> env) {
        boolean consent = CONSENT.equals(env.get(ENV));
        if (!"live".equals(mode)) {
            if (liveFlag) {
                throw new ConfigException("--live was given but the run file's mode is '" + mode
                        + "'; set mode: live to trade live", null);
            }
            return;
        }
        if (!liveFlag || !consent) {
            throw new ConfigException("refusing to start live trading: it needs both the --live flag"
                    + (liveFlag ? "" : " (missing)") + " and the environment variable " + ENV + "=" + CONSENT
                    + (consent ? "" : " (missing)"), null);
        }
    }
}
