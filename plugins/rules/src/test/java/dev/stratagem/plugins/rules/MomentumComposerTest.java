package dev.stratagem.plugins.rules;

import static dev.stratagem.plugins.rules.Cycles.features;
import static dev.stratagem.plugins.rules.Cycles.flat;
import static dev.stratagem.plugins.rules.Cycles.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MomentumComposerTest {

    private final MomentumComposer composer = new MomentumComposer();

    private static FeatureVector bar(double roc, double volumeZ, double fast, double slow) {
        return features("ORCL", 1, "roc_20", roc, "volume_z_20", volumeZ, "sma_10", fast, "sma_50", slow);
    }

    @Test
    void defaults_read_roc_20_volume_z_20_sma_10_and_sma_50() {
        composer.configure(Parameters.EMPTY);
        assertThat(composer.config()).isEqualTo(new MomentumConfig(20, 0.02, 0.0, 20, 10, 50, "sma", 100));
        assertThat(composer.requiredFeatures())
                .containsExactlyInAnyOrder("roc_20", "volume_z_20", "sma_10", "sma_50");
    }

    @Test
    void buys_when_flat_and_momentum_volume_and_trend_all_agree() {
        ComposeResult result = composer.compose(flat(bar(0.035, 1.2, 11, 10.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo("ORCL: roc_20 0.035 above 0.02, volume_z_20 1.2 above 0,"
                + " sma_10 11 above sma_50 10.5: buy 100");
    }

    @Test
    void does_not_buy_when_any_one_condition_fails() {
        assertThat(composer.compose(flat(bar(0.02, 1.2, 11, 10.5))).instructions()).isEmpty();
        assertThat(composer.compose(flat(bar(0.035, 0.0, 11, 10.5))).instructions()).isEmpty();
        assertThat(composer.compose(flat(bar(0.035, 1.2, 10.5, 10.5))).instructions()).isEmpty();
    }

    @Test
    void exits_the_long_when_momentum_reverses_below_the_negative_threshold() {
        assertThat(composer.compose(holding("ORCL", 100, bar(-0.02, 0, 11, 10.5))).instructions()).isEmpty();
        ComposeResult result = composer.compose(holding("ORCL", 100, bar(-0.03, 0, 11, 10.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
        assertThat(result.rationale()).isEqualTo("ORCL: roc_20 -0.03 below -0.02: close long 100");
    }

    @Test
    void exits_the_long_when_the_fast_average_falls_below_the_slow() {
        ComposeResult result = composer.compose(holding("ORCL", 100, bar(0.05, 2, 10.4, 10.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
        assertThat(result.rationale()).isEqualTo("ORCL: sma_10 10.4 below sma_50 10.5: close long 100");
    }

    @Test
    void skips_a_symbol_while_any_feature_is_NaN() {
        assertThat(composer.compose(holding("ORCL", 100, bar(-0.5, Double.NaN, 9, 10))).instructions()).isEmpty();
    }

    @Test
    void the_trend_filter_can_use_ema_and_other_periods() {
        composer.configure(Parameters.of(Map.of("ma", "EMA", "fast", 12, "slow", 26, "lookback", 10,
                "volumePeriod", 30, "volumeThreshold", -1, "threshold", 0)));
        assertThat(composer.requiredFeatures())
                .containsExactlyInAnyOrder("roc_10", "volume_z_30", "ema_12", "ema_26");
        assertThat(composer.compose(flat(features("ORCL", 1, "roc_10", 0.001, "volume_z_30", -0.5,
                "ema_12", 2.0, "ema_26", 1.0))).instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
    }

    @Test
    void rejects_fast_not_below_slow_a_negative_threshold_and_an_unknown_average() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("fast", 50))))
                .hasMessage("parameter 'fast' (50) must be below 'slow' (50)");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("threshold", -0.01))))
                .hasMessage("parameter 'threshold' must not be negative, was -0.01");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("ma", "wma"))))
                .hasMessage("parameter 'ma' must be sma or ema, was 'wma'");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("volumeThreshold", "inf"))))
                .hasMessageContaining("'volumeThreshold'");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("lookback", 0))))
                .hasMessage("parameter 'lookback' must be at least 1, was 0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("quantity", 0))))
                .hasMessage("parameter 'quantity' must be positive and finite, was 0.0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("volume", 1))))
                .hasMessageStartingWith("unknown parameter 'volume' for momentum");
    }
}
