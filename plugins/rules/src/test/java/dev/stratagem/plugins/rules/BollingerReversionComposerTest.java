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

class BollingerReversionComposerTest {

    private final BollingerReversionComposer composer = new BollingerReversionComposer();

    private static FeatureVector bands(double close) {
        return features("ORCL", 1, "close", close, "bb_upper_20", 11.0, "bb_middle_20", 10.0, "bb_lower_20", 9.0);
    }

    @Test
    void defaults_are_period_20_quantity_100() {
        composer.configure(Parameters.EMPTY);
        assertThat(composer.config()).isEqualTo(new BollingerReversionConfig(20, 100));
        assertThat(composer.requiredFeatures()).containsExactlyInAnyOrder("close", "bb_lower_20", "bb_middle_20");
    }

    @Test
    void buys_when_flat_and_close_is_below_the_lower_band() {
        assertThat(composer.compose(flat(bands(9.0))).instructions()).isEmpty();
        ComposeResult result = composer.compose(flat(bands(8.95)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo("ORCL: close 8.95 below bb_lower_20 9: buy 100");
    }

    @Test
    void closes_the_long_when_close_is_back_at_the_middle_band() {
        assertThat(composer.compose(holding("ORCL", 100, bands(9.99))).instructions()).isEmpty();
        ComposeResult result = composer.compose(holding("ORCL", 100, bands(10.0)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
        assertThat(result.rationale()).isEqualTo("ORCL: close 10 back at or above bb_middle_20 10: close long 100");
    }

    @Test
    void skips_a_symbol_while_the_bands_are_NaN() {
        ComposeResult result = composer.compose(flat(features("ORCL", 1, "close", 5.0, "bb_middle_20", Double.NaN,
                "bb_lower_20", Double.NaN)));
        assertThat(result.instructions()).isEmpty();
        assertThat(result.rationale()).startsWith("ORCL: warming up");
    }

    @Test
    void uses_the_configured_period() {
        composer.configure(Parameters.of(Map.of("period", 10, "quantity", 7)));
        assertThat(composer.requiredFeatures()).containsExactlyInAnyOrder("close", "bb_lower_10", "bb_middle_10");
        assertThat(composer.compose(flat(features("ORCL", 1, "close", 1.0, "bb_middle_10", 3.0, "bb_lower_10", 2.0)))
                .instructions()).containsExactly(TradeInstruction.buy("ORCL", 7));
    }

    @Test
    void rejects_a_bad_period_a_bad_quantity_and_an_unknown_key() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("period", -2))))
                .hasMessage("parameter 'period' must be at least 1, was -2");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("quantity", 0))))
                .hasMessage("parameter 'quantity' must be positive and finite, was 0.0");
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("k", 2))))
                .hasMessage("unknown parameter 'k' for bollinger-reversion; known: [period, quantity]");
    }
}
