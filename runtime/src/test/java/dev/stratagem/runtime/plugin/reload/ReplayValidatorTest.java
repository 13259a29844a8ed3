package dev.stratagem.runtime.plugin.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.runtime.cycle.StrategyComponents;
import dev.stratagem.runtime.risk.Guardrails;
import dev.stratagem.runtime.testing.CloseOnlyPipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReplayValidatorTest {

    private static ComposeContext recorded(int i, RunMode mode) {
        PortfolioView p = new PortfolioView(i, 1_000, 1_000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        return new ComposeContext(i, "pp-run-" + i, "s", List.of(FeatureVector.of("ACME", i, Map.of("close", 10.0 + i))),
                p, TradeDigest.EMPTY, mode);
    }

    @Test
    void the_candidate_sees_every_recorded_context_unchanged_but_for_the_mode_REPLAY() throws Exception {
        List<ComposeContext> seen = new CopyOnWriteArrayList<>();
        DecisionComposer composer = new DecisionComposer() {
            @Override
            public String id() {
                return "seeing";
            }

            @Override
            public ComposeResult compose(ComposeContext context) {
                seen.add(context);
                return ComposeResult.noop("");
            }
        };
        List<ComposeContext> contexts = List.of(recorded(1, RunMode.PAPER), recorded(2, RunMode.LIVE),
                recorded(3, RunMode.BACKTEST));

        ReplayValidator.validate("s", components(composer), contexts, Set.of("ACME"), Duration.ofSeconds(10));

        assertThat(seen).containsExactlyElementsOf(contexts.stream().map(ComposeContext::replayed).toList());
        assertThat(seen).extracting(ComposeContext::mode).containsOnly(RunMode.REPLAY);
        assertThat(seen).extracting(ComposeContext::composeId).containsExactly("pp-run-1", "pp-run-2", "pp-run-3");
    }

    private static StrategyComponents components(DecisionComposer composer) {
        ExecutionGateway gateway = new ExecutionGateway() {
            @Override
            public String id() {
                return "none";
            }

            @Override
            public CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market) {
                throw new AssertionError("a replay never executes");
            }
        };
        return new StrategyComponents(new CloseOnlyPipeline(), composer, gateway, Guardrails.defaults(), List.of(), List.of());
    }
}
