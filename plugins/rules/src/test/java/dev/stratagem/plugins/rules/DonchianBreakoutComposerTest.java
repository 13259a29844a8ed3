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

class DonchianBreakoutComposerTest {

    private final DonchianBreakoutComposer composer = new DonchianBreakoutComposer();

    private static FeatureVector channel(double close) {
        return features("ORCL", 1, "close", close, "donchian_high_20", 12.0, "donchian_low_10", 9.0);
    }

    @Test
    void defaults_are_entry_20_exit_10_quantity_100() {
        composer.configure(Parameters.EMPTY);
        assertThat(composer.config()).isEqualTo(new DonchianBreakoutConfig(20, 10, 100));
        assertThat(composer.requiredFeatures())
                .containsExactlyInAnyOrder("close", "donchian_high_20", "donchian_low_10");
    }

    @Test
    void buys_when_flat_and_close_breaks_above_the_entry_channel() {
        assertThat(composer.compose(flat(channel(12.0))).instructions()).isEmpty();
        ComposeResult result = composer.compose(flat(channel(12.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo("ORCL: close 12.5 broke above donchian_high_20 12: buy 100");
    }

    @Test
    void closes_the_long_when_close_breaks_below_the_exit_channel() {
        assertThat(composer.compose(holding("ORCL", 100, channel(9.0))).instructions()).isEmpty();
        ComposeResult result = composer.compose(holding("ORCL", 100, channel(8.5)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
        assertThat(result.rationale()).isEqualTo("ORCL: close 8.5 broke below donchian_low_10 9: close long 100");
    }

    @Test
    void skips_a_symbol_while_a_channel_is_NaN() {
        ComposeResult result = composer.compose(flat(features("ORCL", 1, "close", 20.0,
                "donchian_high_20", Double.NaN, "donchian_low_10", 9.0)));
        assertThat(result.instructions()).isEmpty();
    }

    @Test
    void trades_every_symbol_of_the_cycle() {
        ComposeResult result = composer.compose(holding("MSFT", 40, channel(13.0),
                features("MSFT", 1, "close", 1.0, "donchian_high_20", 3.0, "donchian_low_10", 2.0)));
        assertThat(result.instructions()).containsExactly(
                TradeInstruction.buy("ORCL", 100), TradeInstruction.sell("MSFT", 40).asReduceOnly());
    }

    @Test
    void uses_the_configured_channels() {
        composer.configure(Parameters.of(Map.of("entry", 55, "exit", 20)));
        assertThat(composer.requiredFeatures())
                .containsExactlyInAnyOrder("close", "donchian_high_55", "donchian_low_20");
    }

    @Test
    void rejects_bad_channels_a_bad_quantity_and_an_unknown_key() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("entry", 0))))
                .hasMessage("parameter 'entry' must be at least 1, was 0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("exit", "ten"))))
                .hasMessageContaining("'exit' must be a whole number");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("quantity", "Infinity"))))
                .hasMessageContaining("'quantity' must be finite");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("period", 20))))
                .hasMessageStartingWith("unknown parameter 'period' for donchian-breakout");
    }
}
