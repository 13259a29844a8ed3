package dev.stratagem.plugins.rules;

import static dev.stratagem.api.RationaleFormat.num;

import java.util.List;
import org.pf4j.Extension;

/**
 * Momentum with a volume and trend filter, long only. Buy {@code quantity} when flat and all of:
 * {@code roc_<lookback> > threshold}, {@code volume_z_<volumePeriod> > volumeThreshold} and the fast moving
 * average above the slow one. Close the whole long when {@code roc_<lookback> < -threshold} or the fast
 * average falls below the slow one.
 *
 * <p>Parameters: {@code lookback} (20), {@code threshold} (0.02), {@code volumeThreshold} (0.0),
 * {@code volumePeriod} (20), {@code fast} (10), {@code slow} (50), {@code ma} ({@code sma} or {@code ema},
 * default {@code sma}), {@code quantity} (100).
 */
@Extension
public final class MomentumComposer extends LongOnlyRuleComposer<MomentumConfig> {

    public MomentumComposer() {
        super(MomentumConfig.DEFAULTS, MomentumConfig::from, MomentumComposer::decider);
    }

    @Override
    public String id() {
        return "momentum";
    }

    private static LongOnlyDecider decider(MomentumConfig c) {
        String roc = "roc_" + c.lookback();
        String volumeZ = "volume_z_" + c.volumePeriod();
        String fast = c.ma() + "_" + c.fast();
        String slow = c.ma() + "_" + c.slow();
        double threshold = c.threshold();
        return new LongOnlyDecider(new LongOnlyRule(List.of(roc, volumeZ, fast, slow),
                v -> v[0] > threshold && v[1] > c.volumeThreshold() && v[2] > v[3]
                        ? roc + " " + num(v[0]) + " above " + num(threshold)
                                + ", " + volumeZ + " " + num(v[1]) + " above " + num(c.volumeThreshold())
                                + ", " + fast + " " + num(v[2]) + " above " + slow + " " + num(v[3])
                        : null,
                v -> v[0] < -threshold
                        ? roc + " " + num(v[0]) + " below " + num(-threshold)
                        : v[2] < v[3]
                                ? fast + " " + num(v[2]) + " below " + slow + " " + num(v[3])
                                : null),
                c.quantity());
    }
}
