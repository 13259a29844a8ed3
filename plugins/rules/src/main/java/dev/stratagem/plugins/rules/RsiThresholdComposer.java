package dev.stratagem.plugins.rules;

import static dev.stratagem.api.RationaleFormat.num;

import java.util.List;
import org.pf4j.Extension;

/**
 * RSI mean reversion, long only: buy {@code quantity} when flat and {@code rsi_<period>} is below
 * {@code oversold}; close the whole long when it is above {@code overbought}.
 *
 * <p>Parameters: {@code period} (14), {@code oversold} (30), {@code overbought} (70), {@code quantity} (100).
 */
@Extension
public final class RsiThresholdComposer extends LongOnlyRuleComposer<RsiThresholdConfig> {

    public RsiThresholdComposer() {
        super(RsiThresholdConfig.DEFAULTS, RsiThresholdConfig::from, RsiThresholdComposer::decider);
    }

    @Override
    public String id() {
        return "rsi-threshold";
    }

    private static String rsi(RsiThresholdConfig c) {
        return "rsi_" + c.period();
    }

    private static LongOnlyDecider decider(RsiThresholdConfig c) {
        String rsi = rsi(c);
        return new LongOnlyDecider(new LongOnlyRule(List.of(rsi),
                v -> v[0] < c.oversold()
                        ? rsi + " " + num(v[0]) + " below oversold " + num(c.oversold())
                        : null,
                v -> v[0] > c.overbought()
                        ? rsi + " " + num(v[0]) + " above overbought " + num(c.overbought())
                        : null),
                c.quantity());
    }
}
