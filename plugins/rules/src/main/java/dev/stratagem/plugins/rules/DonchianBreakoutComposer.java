package dev.stratagem.plugins.rules;

import static dev.stratagem.api.RationaleFormat.num;

import java.util.List;
import org.pf4j.Extension;

/**
 * Donchian channel breakout (turtle style), long only: buy {@code quantity} when flat and {@code close} is
 * above {@code donchian_high_<entry>}, the highest high of the {@code entry} bars before this one; close
 * the whole long when {@code close} is below {@code donchian_low_<exit>}.
 *
 * <p>Parameters: {@code entry} (20), {@code exit} (10), {@code quantity} (100).
 */
@Extension
public final class DonchianBreakoutComposer extends LongOnlyRuleComposer<DonchianBreakoutConfig> {

    public DonchianBreakoutComposer() {
        super(DonchianBreakoutConfig.DEFAULTS, DonchianBreakoutConfig::from, DonchianBreakoutComposer::decider);
    }

    @Override
    public String id() {
        return "donchian-breakout";
    }

    private static LongOnlyDecider decider(DonchianBreakoutConfig c) {
        String high = "donchian_high_" + c.entry();
        String low = "donchian_low_" + c.exit();
        return new LongOnlyDecider(new LongOnlyRule(List.of("close", high, low),
                v -> v[0] > v[1] ? "close " + num(v[0]) + " broke above " + high + " " + num(v[1]) : null,
                v -> v[0] < v[2] ? "close " + num(v[0]) + " broke below " + low + " " + num(v[2]) : null),
                c.quantity());
    }
}
