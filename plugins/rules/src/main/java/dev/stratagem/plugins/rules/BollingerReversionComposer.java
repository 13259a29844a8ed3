package dev.stratagem.plugins.rules;

import static dev.stratagem.api.RationaleFormat.num;

import java.util.List;
import org.pf4j.Extension;

/**
 * Bollinger band mean reversion, long only: buy {@code quantity} when flat and {@code close} is below
 * {@code bb_lower_<period>}; close the whole long when {@code close} is back at or above
 * {@code bb_middle_<period>}. The band width (standard deviations) is the pipeline's setting.
 *
 * <p>Parameters: {@code period} (20), {@code quantity} (100).
 */
@Extension
public final class BollingerReversionComposer extends LongOnlyRuleComposer<BollingerReversionConfig> {

    public BollingerReversionComposer() {
        super(BollingerReversionConfig.DEFAULTS, BollingerReversionConfig::from, BollingerReversionComposer::decider);
    }

    @Override
    public String id() {
        return "bollinger-reversion";
    }

    private static LongOnlyDecider decider(BollingerReversionConfig c) {
        String lower = "bb_lower_" + c.period();
        String middle = "bb_middle_" + c.period();
        return new LongOnlyDecider(new LongOnlyRule(List.of("close", lower, middle),
                v -> v[0] < v[1] ? "close " + num(v[0]) + " below " + lower + " " + num(v[1]) : null,
                v -> v[0] >= v[2] ? "close " + num(v[0]) + " back at or above " + middle + " " + num(v[2]) : null),
                c.quantity());
    }
}
