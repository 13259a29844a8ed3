package dev.stratagem.plugins.rules;

import static dev.stratagem.plugins.rules.Cycles.features;
import static dev.stratagem.plugins.rules.Cycles.flat;
import static dev.stratagem.plugins.rules.Cycles.holding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.RationaleValues;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeInstruction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmaCrossoverComposerTest {

    private final SmaCrossoverComposer composer = new SmaCrossoverComposer();

    private static FeatureVector sma(long ts, double fast, double slow) {
        return features("ORCL", ts, "close", 10.0, "sma_10", fast, "sma_30", slow);
    }

    @Test
    void defaults_are_10_30_100_long_only() {
        composer.configure(Parameters.EMPTY);
        assertThat(composer.config()).isEqualTo(new SmaCrossoverConfig(10, 30, 100, false));
        assertThat(composer.requiredFeatures()).containsExactlyInAnyOrder("sma_10", "sma_30");
    }

    @Test
    void required_features_follow_the_configured_periods() {
        composer.configure(Parameters.of(Map.of("fast", 5, "slow", 20)));
        assertThat(composer.requiredFeatures()).containsExactlyInAnyOrder("sma_5", "sma_20");
    }

    @Test
    void does_not_trade_on_the_first_bar_where_both_averages_are_defined() {
        ComposeResult first = composer.compose(flat(sma(1, 9.81, 9.79)));
        assertThat(first.instructions()).isEmpty();
        assertThat(first.rationale()).startsWith("ORCL: first bar with both averages");
    }

    @Test
    void buys_the_quantity_when_flat_and_fast_crosses_above_slow() {
        composer.compose(flat(sma(1, 9.70, 9.79)));
        ComposeResult result = composer.compose(flat(sma(2, 9.81, 9.79)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo("ORCL: sma_10 9.81 crossed above sma_30 9.79: buy 100");
    }

    @Test
    void equal_averages_are_not_a_cross_and_the_entry_comes_on_the_first_bar_strictly_above() {
        assertThat(composer.compose(flat(sma(1, 9.5, 9.6))).instructions()).isEmpty();
        assertThat(composer.compose(flat(sma(2, 9.6, 9.6))).instructions()).isEmpty();
        assertThat(composer.compose(flat(sma(3, 9.6, 9.6))).instructions()).isEmpty();
        assertThat(composer.compose(flat(sma(4, 9.7, 9.6))).instructions())
                .containsExactly(TradeInstruction.buy("ORCL", 100));
    }

    @Test
    void equal_averages_after_a_positive_diff_are_not_an_exit_and_the_exit_comes_strictly_below() {
        composer.compose(holding("ORCL", 100, sma(1, 9.7, 9.6)));
        assertThat(composer.compose(holding("ORCL", 100, sma(2, 9.6, 9.6))).instructions()).isEmpty();
        ComposeResult exit = composer.compose(holding("ORCL", 100, sma(3, 9.5, 9.6)));
        assertThat(exit.instructions()).containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
        assertThat(exit.rationale()).isEqualTo("ORCL: sma_10 9.5 crossed below sma_30 9.6: close long 100");
    }

    @Test
    void a_zero_diff_from_the_first_defined_bar_counts_as_the_previous_diff() {
        composer.compose(flat(sma(1, 9.6, 9.6)));
        assertThat(composer.compose(flat(sma(2, 9.7, 9.6))).instructions())
                .containsExactly(TradeInstruction.buy("ORCL", 100));
    }

    @Test
    void closes_the_whole_long_from_the_portfolio_on_a_cross_below() {
        composer.compose(holding("ORCL", 250, sma(1, 9.7, 9.6)));
        assertThat(composer.compose(holding("ORCL", 250, sma(2, 9.5, 9.6))).instructions())
                .containsExactly(TradeInstruction.sell("ORCL", 250).asReduceOnly());
    }

    @Test
    void holds_a_long_on_a_cross_above_and_stays_flat_on_a_cross_below_without_shorts() {
        composer.compose(holding("ORCL", 100, sma(1, 9.5, 9.6)));
        ComposeResult above = composer.compose(holding("ORCL", 100, sma(2, 9.7, 9.6)));
        assertThat(above.instructions()).isEmpty();
        assertThat(above.rationale()).endsWith(": hold long 100");
        ComposeResult below = composer.compose(flat(sma(3, 9.5, 9.6)));
        assertThat(below.instructions()).isEmpty();
        assertThat(below.rationale()).endsWith(": stay flat, shorts not allowed");
    }

    @Test
    void every_branch_writes_its_text_and_gives_it_as_a_pattern_and_numbers() {
        composer.configure(Parameters.of(Map.of("allowShort", true)));
        composer.compose(flat(sma(1, 9.5, 9.6)));
        ComposeResult noCrossFlat = composer.compose(flat(sma(2, 9.4, 9.6)));
        ComposeResult noCrossLong = composer.compose(holding("ORCL", 100, sma(3, 9.41, 9.6)));
        ComposeResult closeShort = composer.compose(holding("ORCL", -30, sma(4, 9.7, 9.6)));
        ComposeResult holdShort = composer.compose(holding("ORCL", -30, sma(5, 9.5, 9.6)));
        assertThat(noCrossFlat.rationale()).isEqualTo("ORCL: no cross (sma_10 9.4, sma_30 9.6), flat");
        assertThat(noCrossLong.rationale()).isEqualTo("ORCL: no cross (sma_10 9.41, sma_30 9.6), position 100");
        assertThat(closeShort.rationale()).isEqualTo("ORCL: sma_10 9.7 crossed above sma_30 9.6: close short 30");
        assertThat(holdShort.rationale()).isEqualTo("ORCL: sma_10 9.5 crossed below sma_30 9.6: hold short -30");
        for (ComposeResult r : List.of(noCrossFlat, noCrossLong, closeShort, holdShort)) {
            RationaleValues v = r.values();
            assertThat(RationaleValues.render(v.pattern(), v.count(), v::value)).isEqualTo(r.rationale());
        }
        assertThat(noCrossLong.values().pattern()).isEqualTo("ORCL: no cross (sma_10 {}, sma_30 {}), position {}");
        ComposeResult again = composer.compose(holding("ORCL", 100, sma(6, 9.42, 9.6)));
        assertThat(again.values().pattern()).as("kept, not built again").isSameAs(noCrossLong.values().pattern());
    }

    @Test
    void a_short_held_through_a_cross_above_and_a_symbol_with_a_brace_read_as_before() {
        composer.compose(holding("ORCL", -30, sma(1, 9.5, 9.6)));
        assertThat(composer.compose(holding("ORCL", -30, sma(2, 9.7, 9.6))).rationale())
                .isEqualTo("ORCL: sma_10 9.7 crossed above sma_30 9.6: hold short -30");
        ComposeResult braced = composer.compose(flat(features("X{1}", 1, "sma_10", 9.5, "sma_30", 9.6)));
        assertThat(braced.rationale()).isEqualTo("X{1}: first bar with both averages, no cross yet (sma_10 9.5, "
                + "sma_30 9.6)");
        assertThat(braced.values().pattern()).startsWith("X{{1}: ");
    }

    @Test
    void skips_bars_with_a_NaN_average_and_keeps_the_previous_diff() {
        composer.compose(flat(sma(1, 9.5, 9.6)));
        ComposeResult warming = composer.compose(flat(sma(2, Double.NaN, 9.6)));
        assertThat(warming.instructions()).isEmpty();
        assertThat(warming.rationale()).isEqualTo("ORCL: warming up (sma_10 NaN, sma_30 9.6)");
        assertThat(composer.compose(flat(sma(3, 9.7, 9.6))).instructions())
                .containsExactly(TradeInstruction.buy("ORCL", 100));
    }

    @Test
    void with_allowShort_a_cross_below_while_flat_sells_short_and_a_cross_above_closes_the_short() {
        composer.configure(Parameters.of(Map.of("allowShort", true, "quantity", 50)));
        composer.compose(flat(sma(1, 9.7, 9.6)));
        ComposeResult shortEntry = composer.compose(flat(sma(2, 9.5, 9.6)));
        assertThat(shortEntry.instructions()).containsExactly(TradeInstruction.sell("ORCL", 50));
        assertThat(shortEntry.rationale()).endsWith(": sell short 50");
        ComposeResult cover = composer.compose(holding("ORCL", -50, sma(3, 9.7, 9.6)));
        assertThat(cover.instructions()).containsExactly(TradeInstruction.buy("ORCL", 50).asReduceOnly());
        assertThat(cover.rationale()).endsWith(": close short 50");
    }

    @Test
    void a_cross_below_closes_a_long_without_reversing_it_even_with_allowShort() {
        composer.configure(Parameters.of(Map.of("allowShort", "true")));
        composer.compose(holding("ORCL", 100, sma(1, 9.7, 9.6)));
        assertThat(composer.compose(holding("ORCL", 100, sma(2, 9.5, 9.6))).instructions())
                .containsExactly(TradeInstruction.sell("ORCL", 100).asReduceOnly());
    }

    @Test
    void trades_every_symbol_with_its_own_previous_diff() {
        composer.compose(flat(sma(1, 9.5, 9.6), features("MSFT", 1, "sma_10", 20.0, "sma_30", 19.0)));
        ComposeResult result = composer.compose(
                flat(sma(2, 9.7, 9.6), features("MSFT", 2, "sma_10", 21.0, "sma_30", 19.0)));
        assertThat(result.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
        assertThat(result.rationale()).isEqualTo(
                "ORCL: sma_10 9.7 crossed above sma_30 9.6: buy 100; MSFT: no cross (sma_10 21, sma_30 19), flat");
        assertThat(result.instructions().getFirst().side()).isEqualTo(Side.BUY);
    }

    @Test
    void reconfiguring_forgets_the_previous_diffs() {
        composer.compose(flat(sma(1, 9.5, 9.6)));
        composer.configure(Parameters.EMPTY);
        assertThat(composer.compose(flat(sma(2, 9.7, 9.6))).instructions()).isEmpty();
    }

    @Test
    void rejects_fast_not_below_slow_naming_both_keys() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("fast", 30, "slow", 30))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fast' (30) must be below 'slow' (30)");
    }

    @Test
    void rejects_a_quantity_that_is_not_positive() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("quantity", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'quantity' must be positive and finite, was 0.0");
    }

    @Test
    void rejects_a_period_below_one() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("fast", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fast' must be at least 1, was 0");
    }

    @Test
    void rejects_an_allowShort_that_is_not_a_boolean() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("allowShort", "maybe"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'allowShort'");
    }

    @Test
    void rejects_an_unknown_key() {
        assertThatThrownBy(() -> composer.configure(Parameters.of(Map.of("fats", 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameter 'fats' for sma-crossover; known: [allowShort, fast, quantity, slow]");
    }

    @Test
    void a_missing_feature_is_an_error_naming_it() {
        assertThatThrownBy(() -> composer.compose(flat(features("ORCL", 1, "sma_10", 1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no feature 'sma_30' for ORCL");
    }
}
