package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.OrderType;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.PositionSnapshot;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.Side;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeInstruction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectiveExitsTest {

    private static final Map<String, ProtectiveExits.Proposal> NONE = Map.of();

    /** A paper cycle on ORCL holding {@code position} shares, with the bar's close, high and low. */
    static ComposeContext bar(int i, double position, double close, double high, double low) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("close", close);
        f.put("high", high);
        f.put("low", low);
        List<PositionSnapshot> positions = position == 0 ? List.of()
                : List.of(new PositionSnapshot("ORCL", position, 10, close, position * (close - 10), 0));
        PortfolioView p = new PortfolioView(i, 100_000, 100_000, Math.abs(position * close), position * close, 0, 0,
                positions, Constraints.NONE);
        return new ComposeContext(i, "pp-run-" + i, "sltp", List.of(FeatureVector.of("ORCL", i, f)), p,
                TradeDigest.EMPTY, RunMode.PAPER);
    }

    private static ProtectiveExits armed(Side side, double stop, double target) {
        ProtectiveExits exits = new ProtectiveExits();
        String note = exits.arm(bar(0, 0, 10, 10, 10), List.of(TradeInstruction.market("ORCL", side, 100)),
                Map.of("ORCL", new ProtectiveExits.Proposal(stop, target)));
        assertThat(note).doesNotContain("dropped");
        return exits;
    }

    private static TradeInstruction exit(Side side, double quantity) {
        return new TradeInstruction(null, "ORCL", side, quantity, OrderType.MARKET, Double.NaN, true);
    }

    @Test
    void a_long_whose_low_reaches_the_stop_is_closed_reduce_only() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        assertThat(exits.check(bar(1, 100, 9.8, 10.2, 9.6))).isNull();

        ComposeResult r = exits.check(bar(2, 100, 9.7, 9.9, 9.5));

        assertThat(r.instructions()).containsExactly(exit(Side.SELL, 100));
        assertThat(r.rationale()).isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.5): close long 100");
        assertThat(exits.armed()).isEmpty();
    }

    @Test
    void a_long_whose_high_reaches_the_target_takes_profit() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);

        ComposeResult r = exits.check(bar(1, 100, 11.8, 12.25, 11));

        assertThat(r.instructions()).containsExactly(exit(Side.SELL, 100));
        assertThat(r.rationale()).isEqualTo("take-profit hit at 12 for ORCL (high 12.25): close long 100");
    }

    @Test
    void a_short_mirrors_the_rules() {
        ProtectiveExits stopped = armed(Side.SELL, 10.5, 8);
        ComposeResult stop = stopped.check(bar(1, -100, 10.2, 10.6, 10));
        assertThat(stop.instructions()).containsExactly(exit(Side.BUY, 100));
        assertThat(stop.rationale()).isEqualTo("stop-loss hit at 10.5 for ORCL (high 10.6): close short 100");

        ProtectiveExits profited = armed(Side.SELL, 10.5, 8);
        ComposeResult target = profited.check(bar(1, -100, 8.2, 9, 7.9));
        assertThat(target.instructions()).containsExactly(exit(Side.BUY, 100));
        assertThat(target.rationale()).isEqualTo("take-profit hit at 8 for ORCL (low 7.9): close short 100");
    }

    @Test
    void the_stop_wins_when_one_bar_reaches_both_levels() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        assertThat(exits.check(bar(1, 100, 10, 12.5, 9)).rationale()).startsWith("stop-loss hit at 9.5");
    }

    @Test
    void a_missing_level_never_fires() {
        ProtectiveExits exits = armed(Side.BUY, Double.NaN, 12);
        assertThat(exits.check(bar(1, 100, 1, 1, 0.5))).isNull();
        assertThat(exits.check(bar(2, 100, 12, 12, 11)).rationale()).startsWith("take-profit hit at 12");
    }

    @Test
    void levels_are_cleared_when_the_position_is_flat_after_it_was_open() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        assertThat(exits.check(bar(1, 100, 10, 10, 10))).isNull(); // filled
        assertThat(exits.check(bar(2, 0, 9, 9, 9))).isNull(); // closed
        assertThat(exits.armed()).isEmpty();
        assertThat(exits.check(bar(3, 100, 9, 9, 9))).isNull(); // a later position is not protected by them
    }

    @Test
    void an_entry_that_has_not_filled_keeps_its_levels_for_a_few_bars_of_its_symbol() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        for (int i = 1; i < ProtectiveExits.PENDING_BARS; i++) {
            assertThat(exits.check(bar(i, 0, 9, 9, 9))).isNull(); // a working limit entry, an asynchronous fill
            assertThat(exits.armed()).containsOnlyKeys("ORCL");
        }
        ComposeResult r = exits.check(bar(10, 100, 9.6, 9.8, 9.4)); // it filled late: still protected

        assertThat(r.instructions()).containsExactly(exit(Side.SELL, 100));
        assertThat(r.rationale()).isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.4): close long 100");
    }

    @Test
    void an_entry_that_never_fills_loses_its_levels_after_the_pending_bars() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        for (int i = 1; i <= ProtectiveExits.PENDING_BARS; i++) {
            assertThat(exits.check(bar(i, 0, 9, 9, 9))).isNull();
        }
        assertThat(exits.armed()).isEmpty(); // rejected or cancelled: a later position is not protected by them
        assertThat(exits.check(bar(9, 100, 9, 9, 9))).isNull();
    }

    @Test
    void a_protected_symbol_without_a_bar_this_cycle_is_skipped_and_stays_armed() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        assertThat(exits.check(bar(1, 100, 10, 10, 10))).isNull();
        // a two-symbol strategy: MSFT got a bar, ORCL did not (a holiday, a late feed)
        FeatureVector msft = FeatureVector.of("MSFT", 2, Map.of("close", 50.0, "high", 51.0, "low", 49.0));
        ComposeContext withoutOrcl = new ComposeContext(2, "pp-run-2", "sltp", List.of(msft),
                bar(2, 100, 9, 9, 9).portfolio(), TradeDigest.EMPTY, RunMode.PAPER);

        assertThat(exits.check(withoutOrcl)).isNull();
        assertThat(exits.armed()).containsOnlyKeys("ORCL");

        assertThat(exits.check(bar(3, 100, 9.6, 9.8, 9.4)).rationale())
                .isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.4): close long 100");
    }

    @Test
    void a_cycle_without_a_bar_for_a_pending_entry_does_not_count_against_it() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        FeatureVector msft = FeatureVector.of("MSFT", 1, Map.of("close", 50.0, "high", 51.0, "low", 49.0));
        for (int i = 1; i <= 2 * ProtectiveExits.PENDING_BARS; i++) {
            exits.check(new ComposeContext(i, "pp-run-" + i, "sltp", List.of(msft), bar(i, 0, 9, 9, 9).portfolio(),
                    TradeDigest.EMPTY, RunMode.PAPER));
        }
        assertThat(exits.armed()).containsOnlyKeys("ORCL");
    }

    @Test
    void levels_of_a_long_are_dropped_when_the_position_is_short() {
        ProtectiveExits exits = armed(Side.BUY, 9.5, 12);
        assertThat(exits.check(bar(1, -100, 9, 9, 9))).isNull();
        assertThat(exits.armed()).isEmpty();
    }

    @Test
    void levels_on_the_wrong_side_of_the_price_are_dropped_and_the_rationale_says_so() {
        ProtectiveExits exits = new ProtectiveExits();
        String note = exits.arm(bar(0, 0, 10, 10, 10), List.of(TradeInstruction.buy("ORCL", 100)),
                Map.of("ORCL", new ProtectiveExits.Proposal(10.5, 12)));
        assertThat(note).isEqualTo("stop-loss 10.5 dropped for ORCL: a long's stop must be below the price 10; "
                + "ORCL long: stop-loss none, take-profit 12 (pending the entry's fill, "
                + "at most 3 bars)");
        assertThat(exits.arm(bar(0, 100, 10, 10, 10), List.of(TradeInstruction.buy("ORCL", 50)),
                Map.of("ORCL", new ProtectiveExits.Proposal(9, 12))))
                .isEqualTo("ORCL long: stop-loss 9, take-profit 12"); // adding to an open long: armed at once

        String both = exits.arm(bar(0, 0, 10, 10, 10), List.of(TradeInstruction.sell("ORCL", 100)),
                Map.of("ORCL", new ProtectiveExits.Proposal(9, 11)));
        assertThat(both).isEqualTo("stop-loss 9 dropped for ORCL: a short's stop must be above the price 10; "
                + "take-profit 11 dropped for ORCL: a short's target must be below the price 10");
        assertThat(exits.armed()).containsOnlyKeys("ORCL"); // the long's valid target is still armed
    }

    @Test
    void an_exit_or_a_reduce_only_order_arms_nothing() {
        ProtectiveExits exits = new ProtectiveExits();
        Map<String, ProtectiveExits.Proposal> levels = Map.of("ORCL", new ProtectiveExits.Proposal(9, 11));
        assertThat(exits.arm(bar(0, 100, 10, 10, 10), List.of(TradeInstruction.sell("ORCL", 50)), levels)).isEmpty();
        assertThat(exits.arm(bar(0, 0, 10, 10, 10), List.of(TradeInstruction.buy("ORCL", 5).asReduceOnly()), levels))
                .isEmpty();
        assertThat(exits.arm(bar(0, 0, 10, 10, 10), List.of(TradeInstruction.buy("ORCL", 5)), NONE)).isEmpty();
        assertThat(exits.armed()).isEmpty();
    }

    @Test
    void the_levels_survive_a_snapshot_and_restore_as_jdk_types() {
        ProtectiveExits exits = armed(Side.SELL, 10.5, Double.NaN);
        Map<String, Object> state = exits.snapshot();
        assertThat(state).isEqualTo(Map.of("ORCL", Map.of("side", "SHORT", "stop", 10.5, "pendingBars", 3)));

        ProtectiveExits next = new ProtectiveExits();
        next.restore(state);
        assertThat(next.check(bar(1, -100, 10.4, 10.5, 10.1)).rationale()).startsWith("stop-loss hit at 10.5");
        assertThatThrownBy(() -> next.restore(Map.of("ORCL", Map.of("side", "UP"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exitLevels.ORCL");
        assertThatThrownBy(() -> next.restore(Map.of("ORCL", Map.of("side", "LONG", "pendingBars", -1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exitLevels.ORCL.pendingBars");
    }

    @Test
    void the_composer_exits_before_asking_the_model_and_hands_its_levels_over_on_reload() throws Exception {
        String entry = "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":100,\"stopLoss\":9.5,"
                + "\"takeProfit\":12}],\"rationale\":\"breakout\",\"confidence\":0.8}";
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(entry))) {
            Map<String, Object> params = new HashMap<>(Map.of("baseUrl", server.baseUrl(), "model", "fake-model",
                    "template", "{{features}} {{portfolio}}", "maxAttempts", 1));
            LlmComposer first = new LlmComposer();
            first.configure(Parameters.of(params));
            assertThat(first.requiredFeatures()).contains("close", "high", "low");

            ComposeResult opened = first.compose(bar(0, 0, 10, 10, 10));
            assertThat(opened.instructions()).containsExactly(TradeInstruction.buy("ORCL", 100));
            assertThat(opened.rationale()).startsWith("breakout (confidence 0.8); ORCL long: stop-loss 9.5, take-profit 12");

            LlmComposer reloaded = new LlmComposer(); // a hot reload: the new version takes the old one's state
            reloaded.configure(Parameters.of(params));
            reloaded.restore(first.snapshot());
            int calls = server.received().size();

            ComposeResult r = reloaded.compose(bar(1, 100, 9.6, 10, 9.4));

            assertThat(r.instructions()).containsExactly(exit(Side.SELL, 100));
            assertThat(r.rationale()).isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.4): close long 100");
            assertThat(server.received()).hasSize(calls);
            assertThat(reloaded.snapshot()).isEmpty();
        }
    }

    @Test
    void a_replayed_context_still_fires_an_armed_stop_without_the_model() throws Exception {
        String entry = "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":100,\"stopLoss\":9.5,"
                + "\"takeProfit\":12}],\"rationale\":\"breakout\",\"confidence\":0.8}";
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(entry))) {
            LlmComposer c = new LlmComposer();
            c.configure(Parameters.of(Map.of("baseUrl", server.baseUrl(), "model", "fake-model",
                    "template", "{{features}} {{portfolio}}", "maxAttempts", 1)));
            c.compose(bar(0, 0, 10, 10, 10));

            ComposeResult r = c.compose(bar(1, 100, 9.6, 10, 9.4).replayed());

            assertThat(r.instructions()).containsExactly(exit(Side.SELL, 100));
            assertThat(r.rationale()).isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.4): close long 100");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void a_two_symbol_composer_keeps_deciding_when_a_protected_symbol_has_no_bar() throws Exception {
        String entry = "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":100,\"stopLoss\":9.5,"
                + "\"takeProfit\":12}],\"rationale\":\"breakout\",\"confidence\":0.8}";
        String hold = "{\"instructions\":[],\"rationale\":\"hold\",\"confidence\":0.5}";
        try (var server = new FakeOpenAiServer(
                r -> FakeOpenAiServer.answer(r.lastUser().contains("MSFT") ? hold : entry))) {
            LlmComposer c = new LlmComposer();
            c.configure(Parameters.of(Map.of("baseUrl", server.baseUrl(), "model", "fake-model",
                    "template", "{{features}} {{portfolio}}", "maxAttempts", 1)));
            c.compose(bar(0, 0, 10, 10, 10));
            FeatureVector msft = FeatureVector.of("MSFT", 1, Map.of("close", 50.0, "high", 51.0, "low", 49.0));
            ComposeContext onlyMsft = new ComposeContext(1, "pp-run-1", "sltp", List.of(msft),
                    bar(1, 100, 9, 9, 9).portfolio(), TradeDigest.EMPTY, RunMode.PAPER);

            assertThat(c.compose(onlyMsft).rationale()).startsWith("hold");
            assertThat(c.compose(bar(2, 100, 9.6, 9.8, 9.4)).rationale())
                    .isEqualTo("stop-loss hit at 9.5 for ORCL (low 9.4): close long 100");
        }
    }

    @Test
    void an_invalid_level_in_the_answer_is_a_contract_error() {
        var reading = DecisionSchema.read("{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":1,"
                + "\"stopLoss\":-1}],\"rationale\":\"x\",\"confidence\":0.5}", java.util.Set.of("ORCL"));
        assertThat(reading).isEqualTo(new DecisionSchema.Invalid(
                List.of("instructions[0].stopLoss must be a price > 0 or null, was -1")));
    }
}
