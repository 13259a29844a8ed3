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

class RsiThresholdComposerTest {

    private final RsiThresholdComposer composer = new RsiThresholdComposer();

    private static FeatureVector rsi(double value) {
        return features("ORCL", 1, "close", 10.0, "rsi_14", value);
    }

    @Test
    void defaults_are_14_30_70_100() {
        composer.configure(Parameters.EMPTY);
        assertThat(composer.config()).isEqualTo(new RsiThresholdConfig(14, 30, 70, 100));
        assertThat(composer.requiredFeatures()).containsExactly("rsi_14");
    }

    @Test
    void buys_when_flat_and_rsi_is_below_oversold() {
        ComposeResult result = composer.compose(flat(rsi(28.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo("ORCL: rsi_14 28.5 below oversold 30: buy 100");
    }

    @Test
    void does_not_buy_at_exactly_oversold_or_when_already_long() {
        assertThat(composer.compose(flat(rsi(30))).instructions()).isEmpty();
        ComposeResult long_ = composer.compose(holding("ORCL", 100, rsi(20)));
        assertThat(long_.instructions()).isEmpty();
        assertThat(long_.rationale()).isEqualTo("ORCL: long 100, no exit (rsi_14 20)");
    }

    @Test
    void closes_the_whole_long_when_rsi_is_above_overbought() {
        assertThat(composer.compose(holding("ORCL", 100, rsi(70))).instructions()).isEmpty();
        ComposeResult result = composer.compose(holding("ORCL", 300, rsi(71.25)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.sell("ORCL", 300).asReduceOnly());
        assertThat(result.rationale()).isEqualTo("ORCL: rsi_14 71.25 above overbought 70: close long 300");
    }

    @Test
    void skips_a_symbol_whose_rsi_is_still_NaN() {
        ComposeResult result = composer.compose(flat(rsi(Double.NaN)));
        assertThat(result.instructions()).isEmpty();
        assertThat(result.rationale()).isEqualTo("ORCL: warming up (rsi_14 NaN)");
    }

    @Test
    void leaves_a_short_it_did_not_open_alone() {
        ComposeResult result = composer.compose(holding("ORCL", -10, rsi(10)));
        assertThat(result.instructions()).isEmpty();
        assertThat(result.rationale()).isEqualTo("ORCL: short -10 left alone by a long-only rule");
    }

    @Test
    void uses_the_configured_period_and_levels() {
        composer.configure(Parameters.of(Map.of("period", 7, "oversold", 20, "overbought", 80, "quantity", 5)));
        assertThat(composer.requiredFeatures()).containsExactly("rsi_7");
        assertThat(composer.compose(flat(features("ORCL", 1, "rsi_7", 19.0))).instructions())
                .containsExactly(TradeInstruction.buy("ORCL", 5));
    }

    @Test
    void rejects_oversold_not_below_overbought() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("oversold", 70))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'oversold' (70.0) must be below 'overbought' (70.0)");
    }

    @Test
    void rejects_a_level_outside_0_to_100() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("overbought", 101))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'overbought' must be within [0, 100], was 101.0");
    }

    @Test
    void rejects_a_non_finite_level_naming_the_key() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("oversold", "NaN"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oversold' must be finite");
    }

    @Test
    void rejects_a_negative_quantity_a_zero_period_and_an_unknown_key() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("quantity", -1))))
                .hasMessage("parameter 'quantity' must be positive and finite, was -1.0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("period", 0))))
                .hasMessage("parameter 'period' must be at least 1, was 0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("lookback", 3))))
                .hasMessageStartingWith("unknown parameter 'lookback' for rsi-threshold");
    }
}
