package dev.stratagem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeContextTest {

    private static final PortfolioView PORTFOLIO =
            new PortfolioView(0, 1_000, 1_000, 0, 0, 0, 0, List.of(), Constraints.NONE);
    private static final FeatureVector ORCL = new FeatureVector("ORCL", 0, List.of("a"), new double[] {1});

    @Test
    void features_of_a_symbol_finds_its_vector() {
        ComposeContext c = new ComposeContext(0, "c1", "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY, RunMode.BACKTEST);
        assertThat(c.features("ORCL")).isSameAs(ORCL);
    }

    @Test
    void features_of_an_unknown_symbol_names_it_and_the_cycle() {
        ComposeContext c = new ComposeContext(0, "c1", "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY, RunMode.BACKTEST);
        assertThatThrownBy(() -> c.features("MSFT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MSFT").hasMessageContaining("c1");
    }

    @Test
    void a_numbered_context_writes_its_id_on_first_read_and_equals_the_same_context_made_with_the_id() {
        ComposeContext numbered = ComposeContext.numbered(5, "run-", 42, "sma", List.of(ORCL), PORTFOLIO,
                TradeDigest.EMPTY, RunMode.BACKTEST);
        ComposeContext given = new ComposeContext(5, "run-42", "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY,
                RunMode.BACKTEST);

        assertThat(numbered.composeId()).isEqualTo("run-42").isSameAs(numbered.composeId());
        assertThat(numbered).isEqualTo(given).hasSameHashCodeAs(given).hasToString(given.toString());
        assertThat(numbered.replayed().composeId()).isEqualTo("run-42");
        assertThat(numbered.replayed().mode()).isEqualTo(RunMode.REPLAY);
        assertThat(ComposeContext.numbered(5, "run-", 43, "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY,
                RunMode.BACKTEST).replayed().composeId()).as("replayed before the id was read").isEqualTo("run-43");
        assertThatThrownBy(() -> ComposeContext.numbered(5, " ", 1, "sma", List.of(), PORTFOLIO, TradeDigest.EMPTY,
                RunMode.BACKTEST)).hasMessageContaining("idPrefix");
        assertThatThrownBy(() -> ComposeContext.numbered(5, "run-", -1, "sma", List.of(), PORTFOLIO,
                TradeDigest.EMPTY, RunMode.BACKTEST)).hasMessageContaining("number");
    }

    @Test
    void rejects_each_invalid_field_by_name() {
        assertThatThrownBy(() -> new ComposeContext(0, "", "sma", List.of(), PORTFOLIO, TradeDigest.EMPTY, RunMode.BACKTEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("composeId");
        assertThatThrownBy(() -> new ComposeContext(0, "c1", " ", List.of(), PORTFOLIO, TradeDigest.EMPTY, RunMode.BACKTEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategyId");
        assertThatThrownBy(() -> new ComposeContext(0, "c1", "sma", List.of(), null, TradeDigest.EMPTY, RunMode.BACKTEST))
                .isInstanceOf(NullPointerException.class).hasMessage("portfolio");
        assertThatThrownBy(() -> new ComposeContext(0, "c1", "sma", List.of(), PORTFOLIO, null, RunMode.BACKTEST))
                .isInstanceOf(NullPointerException.class).hasMessage("digest");
        assertThatThrownBy(() -> new ComposeContext(0, "c1", "sma", List.of(), PORTFOLIO, TradeDigest.EMPTY, null))
                .isInstanceOf(NullPointerException.class).hasMessage("mode");
    }

    @Test
    void the_run_mode_is_read_from_the_strategy_info_spelling() {
        assertThat(RunMode.of("backtest")).isEqualTo(RunMode.BACKTEST);
        assertThat(RunMode.of(" Paper ")).isEqualTo(RunMode.PAPER);
        assertThat(RunMode.of("LIVE")).isEqualTo(RunMode.LIVE);
        assertThatThrownBy(() -> RunMode.of("demo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'demo'");
    }

    @Test
    void replay_is_no_run_mode_a_config_can_name() {
        assertThatThrownBy(() -> RunMode.of("replay"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run mode must be backtest, paper or live, was 'replay'");
    }

    @Test
    void a_replayed_context_keeps_every_field_but_the_mode() {
        ComposeContext c = new ComposeContext(7, "c1", "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY, RunMode.PAPER);
        ComposeContext r = c.replayed();
        assertThat(r).isEqualTo(new ComposeContext(7, "c1", "sma", List.of(ORCL), PORTFOLIO, TradeDigest.EMPTY,
                RunMode.REPLAY));
        assertThat(r.replayed()).isSameAs(r);
    }
}
