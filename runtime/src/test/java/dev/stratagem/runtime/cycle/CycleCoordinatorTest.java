package dev.stratagem.runtime.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stratagem.api.Candle;
import dev.stratagem.api.ComponentVersion;
import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.CycleRecord;
import dev.stratagem.api.CycleStatus;
import dev.stratagem.api.CycleStep;
import dev.stratagem.api.DecisionComposer;
import dev.stratagem.api.ExecutionGateway;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.FeaturesPipeline;
import dev.stratagem.api.Instrument;
import dev.stratagem.api.MarketWindow;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.StageTimings;
import dev.stratagem.api.StrategyInfo;
import dev.stratagem.api.StrategyListener;
import dev.stratagem.api.TradeInstruction;
import dev.stratagem.api.TxResult;
import dev.stratagem.api.VerdictOutcome;
import dev.stratagem.runtime.portfolio.DigestTracker;
import dev.stratagem.runtime.portfolio.LedgerPortfolio;
import dev.stratagem.runtime.testing.CloseOnlyPipeline;
import dev.stratagem.runtime.testing.LogLines;
import dev.stratagem.runtime.risk.Guardrails;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class CycleCoordinatorTest {

    private static final long DAY = 86_400_000L;

    @Test
    void a_composer_that_throws_fails_only_its_cycle_and_the_next_cycle_runs() {
        CycleCoordinator c = coordinator(0, ctx -> {
            if (ctx.ts() == 3 * DAY) {
                throw new IllegalStateException("boom on day 3");
            }
            return ComposeResult.noop("nothing to do");
        });
        List<CycleRecord> records = run(c, 5);

        CycleRecord failed = records.get(2);
        assertThat(failed.status()).isEqualTo(CycleStatus.FAILED);
        assertThat(failed.error().step()).isEqualTo(CycleStep.DECISION);
        assertThat(failed.error().reason()).isEqualTo("IllegalStateException: boom on day 3");
        assertThat(failed.error().exceptionType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(records.get(3).status()).isEqualTo(CycleStatus.IDLE);
        assertThat(records).extracting(CycleRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records).extracting(CycleRecord::composeId).containsExactly("run-1", "run-2", "run-3", "run-4", "run-5");
    }

    @Test
    void the_same_failure_every_cycle_is_logged_once_then_every_thousand_and_when_it_stops_and_each_is_recorded() {
        List<CycleRecord> records = new ArrayList<>();
        List<ILoggingEvent> lines = LogLines.of(CycleCoordinator.class, () -> {
            CycleCoordinator c = coordinator(0, ctx -> {
                if (ctx.ts() <= 2_005 * DAY) {
                    throw new IllegalStateException("paused, as a script is after three failures");
                }
                if (ctx.ts() == 2_007 * DAY) {
                    throw new IllegalStateException("another failure");
                }
                return ComposeResult.noop("");
            });
            records.addAll(run(c, 2_008));
            c.stop("end of the data");
        });
        assertThat(records).filteredOn(r -> r.status() == CycleStatus.FAILED).hasSize(2_006);
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "cycle run-1 of test failed in DECISION: IllegalStateException: paused, as a script is after three"
                        + " failures",
                "cycle run-1001 of test failed in DECISION as every cycle has since run-1 (1001 in a row):"
                        + " IllegalStateException: paused, as a script is after three failures",
                "cycle run-2001 of test failed in DECISION as every cycle has since run-1 (2001 in a row):"
                        + " IllegalStateException: paused, as a script is after three failures",
                "4 more cycle(s) of test failed the same way, the last run-2005 (2005 in a row since run-1)",
                "cycle run-2007 of test failed in DECISION: IllegalStateException: another failure");
    }

    @Test
    void an_error_thrown_by_a_component_fails_its_cycle_like_an_exception() {
        CycleCoordinator c = coordinator(0, ctx -> {
            if (ctx.ts() == DAY) {
                throw new StackOverflowError();
            }
            throw new AssertionError("plugin assertion");
        });
        List<CycleRecord> records = run(c, 2);
        assertThat(records).extracting(r -> r.error().step()).containsExactly(CycleStep.DECISION, CycleStep.DECISION);
        assertThat(records.get(0).error().exceptionType()).isEqualTo(StackOverflowError.class.getName());
        assertThat(records.get(1).error().reason()).isEqualTo("AssertionError: plugin assertion");
    }

    @Test
    void a_composer_that_returns_null_is_recorded_as_a_broken_contract() {
        CycleRecord record = run(coordinator(0, ctx -> null), 1).getFirst();
        assertThat(record.status()).isEqualTo(CycleStatus.FAILED);
        assertThat(record.error().step()).isEqualTo(CycleStep.DECISION);
        assertThat(record.error().reason()).isEqualTo("composer returned null from compose");
        assertThat(record.error().exceptionType()).isEmpty();
    }

    @Test
    void a_NaN_size_is_rejected_by_a_guardrail_with_the_reason_recorded() {
        CycleRecord record = run(coordinator(0, ctx -> ComposeResult.of("go", TradeInstruction.buy("ACME", Double.NaN))), 1)
                .getFirst();
        assertThat(record.status()).isEqualTo(CycleStatus.REJECTED);
        assertThat(record.verdicts()).last().satisfies(v -> {
            assertThat(v.outcome()).isEqualTo(VerdictOutcome.REJECTED);
            assertThat(v.check()).isEqualTo("quantity");
            assertThat(v.reason()).contains("NaN");
            assertThat(v.instructionId()).isEqualTo("run-1-1");
        });
        assertThat(record.txResults()).isEmpty();
    }

    @Test
    void a_features_pipeline_that_throws_fails_the_features_step() {
        FeaturesPipeline broken = new CloseOnlyPipeline(0) {
            @Override
            public List<FeatureVector> compute(MarketWindow window) {
                throw new ArithmeticException("divide by zero");
            }
        };
        CycleRecord record = run(coordinator(broken, ctx -> ComposeResult.noop(""), new CloseGateway()), 1).getFirst();
        assertThat(record.error().step()).isEqualTo(CycleStep.FEATURES);
        assertThat(record.error().reason()).isEqualTo("ArithmeticException: divide by zero");
        assertThat(record.portfolioAfter()).isNotNull();
    }

    @Test
    void a_gateway_that_answers_for_the_wrong_instruction_fails_the_execution_step() {
        ExecutionGateway confused = new CloseGateway() {
            @Override
            public CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market) {
                return CompletableFuture.completedFuture(List.of());
            }
        };
        CycleRecord record = run(coordinator(new CloseOnlyPipeline(0),
                ctx -> ComposeResult.of("buy", TradeInstruction.buy("ACME", 1)), confused), 1).getFirst();
        assertThat(record.error().step()).isEqualTo(CycleStep.EXECUTION);
        assertThat(record.error().reason()).isEqualTo("gateway returned 0 results for 1 instructions");
    }

    @Test
    void warm_up_cycles_do_not_ask_the_composer() {
        List<ComposeContext> asked = new ArrayList<>();
        CycleCoordinator c = coordinator(3, ctx -> {
            asked.add(ctx);
            return ComposeResult.noop("");
        });
        List<CycleRecord> records = run(c, 4);
        assertThat(records).extracting(CycleRecord::status)
                .containsExactly(CycleStatus.WARMUP, CycleStatus.WARMUP, CycleStatus.IDLE, CycleStatus.IDLE);
        assertThat(asked).hasSize(2);
    }

    @Test
    void a_traded_cycle_records_verdicts_fills_portfolio_and_timings_of_every_step() {
        CycleCoordinator c = coordinator(0, ctx -> ctx.portfolio().positions().isEmpty()
                ? ComposeResult.of("buy 10", TradeInstruction.buy("ACME", 10)) : ComposeResult.noop("holding"));
        CycleRecord record = run(c, 1).getFirst();

        assertThat(record.status()).isEqualTo(CycleStatus.TRADED);
        assertThat(record.verdicts()).isNotEmpty().allSatisfy(v -> assertThat(v.outcome()).isEqualTo(VerdictOutcome.ACCEPTED));
        assertThat(record.txResults()).singleElement().satisfies(tx -> {
            assertThat(tx.filledQuantity()).isEqualTo(10);
            assertThat(tx.fillPrice()).isEqualTo(101);
        });
        assertThat(record.portfolioAfter().quantity("ACME")).isEqualTo(10);
        assertThat(record.portfolioAfter().cash()).isEqualTo(100_000 - 1010);
        assertThat(record.versions()).extracting(ComponentVersion::role).contains("composer");
        for (CycleStep step : CycleStep.values()) {
            assertThat(record.timings().of(step)).as(step.name()).isGreaterThanOrEqualTo(0);
        }
        assertThat(record.timings().total()).isPositive();
    }

    @Test
    void a_listener_that_throws_is_logged_and_never_fatal() {
        StrategyListener noisy = new StrategyListener() {
            @Override
            public String id() {
                return "noisy";
            }

            @Override
            public void onCycleResult(CycleRecord cycle) {
                throw new IllegalStateException("listener bug");
            }
        };
        CycleCoordinator c = new CycleCoordinator(info(), new StrategyComponents(new CloseOnlyPipeline(0),
                composer(ctx -> ComposeResult.noop("")), new CloseGateway(), Guardrails.defaults(), List.of(noisy),
                versions()), ledger(), new DigestTracker(252), instruments(), 16, Duration.ofSeconds(1));
        assertThat(run(c, 3)).extracting(CycleRecord::status).containsOnly(CycleStatus.IDLE);
        assertThat(c.hookFailures()).isEqualTo(3);
    }

    @Test
    void priming_replays_the_decided_bars_as_REPLAY_and_the_cycles_after_keep_the_run_mode() {
        List<ComposeContext> seen = new ArrayList<>();
        CycleCoordinator c = coordinator(0, ctx -> {
            seen.add(ctx);
            return ComposeResult.noop("");
        });
        c.resume(2, List.of());
        for (int day = 1; day <= 2; day++) {
            c.prime(List.of(new Candle("ACME", day * DAY, 100 + day, 110 + day, 90 + day, 100 + day, 1000)));
        }
        c.runCycle(List.of(new Candle("ACME", 3 * DAY, 103, 113, 93, 103, 1000)));

        assertThat(seen).extracting(ComposeContext::mode)
                .containsExactly(RunMode.REPLAY, RunMode.REPLAY, RunMode.BACKTEST);
        assertThat(seen.getLast().composeId()).isEqualTo("run-3");
    }

    @Test
    void a_backtest_times_one_cycle_in_64_and_a_paper_run_every_cycle() {
        List<CycleRecord> backtest = run(coordinator(0, ctx -> ComposeResult.noop("")), 130);
        assertThat(backtest).filteredOn(r -> r.timings().timed()).extracting(CycleRecord::sequence)
                .containsExactly(1L, 65L, 129L);
        assertThat(backtest.get(1).timings()).isEqualTo(StageTimings.NONE);

        CycleCoordinator paper = new CycleCoordinator(new StrategyInfo("test", "run", "paper", List.of("ACME")),
                new StrategyComponents(new CloseOnlyPipeline(0), composer(ctx -> ComposeResult.noop("")),
                        new CloseGateway(), Guardrails.defaults(), List.of(), versions()),
                ledger(), new DigestTracker(252), instruments(), 16, Duration.ofSeconds(1));
        assertThat(run(paper, 5)).allSatisfy(r -> assertThat(r.timings().timed()).isTrue());
    }

    @Test
    void a_closed_slot_fails_the_offer_it_held_and_every_later_one_and_the_strategy_keeps_its_components() {
        CycleCoordinator c = coordinator(0, ctx -> ComposeResult.noop("old"));
        StrategyComponents running = c.components();
        StrategyComponents next = new StrategyComponents(new CloseOnlyPipeline(0),
                composer(ctx -> ComposeResult.noop("new")), new CloseGateway(), Guardrails.defaults(), List.of(),
                versions());
        java.util.concurrent.CompletableFuture<Long> held = c.slot().offer(next);

        assertThat(c.slot().close()).as("the offer never adopted, the caller's to close").isSameAs(next);
        assertThat(held).failsWithin(Duration.ZERO).withThrowableThat()
                .withCauseInstanceOf(ComponentSlot.StoppedException.class);
        assertThat(c.slot().offer(next)).failsWithin(Duration.ZERO).withThrowableThat()
                .withCauseInstanceOf(ComponentSlot.StoppedException.class);
        assertThat(c.slot().close()).isNull();
        c.run(List.of(new Candle("ACME", DAY, 10, 10, 10, 10, 1)));
        assertThat(c.components()).isSameAs(running);
    }

    @Test
    void an_outcome_listener_gets_the_outcome_and_a_record_listener_the_record_in_their_order() {
        List<String> calls = new ArrayList<>();
        class Follower implements StrategyListener, OutcomeListener {
            @Override
            public String id() {
                return "follower";
            }

            @Override
            public void onOutcome(CycleOutcome outcome) {
                calls.add("outcome " + outcome.sequence() + " " + outcome.status() + " "
                        + outcome.portfolioAfter().equity());
            }
        }
        StrategyListener recorder = new StrategyListener() {
            @Override
            public String id() {
                return "recorder";
            }

            @Override
            public void onCycleResult(CycleRecord cycle) {
                calls.add("record " + cycle.composeId());
            }
        };
        CycleCoordinator c = new CycleCoordinator(info(), new StrategyComponents(new CloseOnlyPipeline(0),
                composer(ctx -> ComposeResult.noop("")), new CloseGateway(), Guardrails.defaults(),
                List.of(new Follower(), recorder), versions()), ledger(), new DigestTracker(252), instruments(), 16,
                Duration.ofSeconds(1));
        CycleOutcome outcome = c.run(List.of(new Candle("ACME", DAY, 101, 111, 91, 101, 1000)));

        assertThat(calls).containsExactly("outcome 1 IDLE 100000.0", "record run-1");
        assertThat(outcome.record()).isSameAs(outcome.record());
        assertThat(outcome.record().composeId()).isEqualTo("run-1");
    }

    @Test
    void a_line_logged_during_a_cycle_carries_its_compose_id_and_lines_after_it_do_not() {
        org.slf4j.Logger log = LoggerFactory.getLogger("test.composer");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(lines);
        try {
            CycleCoordinator c = coordinator(0, ctx -> {
                if (ctx.ts() == 2 * DAY) {
                    log.info("deciding");
                }
                return ComposeResult.noop("");
            });
            run(c, 3);
            log.info("after the run");
        } finally {
            root.detachAppender(lines);
        }
        assertThat(lines.list).filteredOn(e -> e.getLoggerName().equals("test.composer"))
                .extracting(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap().get(CycleLogScope.KEY))
                .containsExactly("deciding run-2", "after the run null");
        assertThat(MDC.get(CycleLogScope.KEY)).isNull();
    }

    @Test
    void a_paper_cycle_has_its_compose_id_in_the_mdc_from_its_start_and_not_after() {
        List<String> seen = new ArrayList<>();
        CycleCoordinator paper = new CycleCoordinator(new StrategyInfo("test", "run", "paper", List.of("ACME")),
                new StrategyComponents(new CloseOnlyPipeline(0), composer(ctx -> {
                    seen.add(MDC.get(CycleLogScope.KEY));
                    return ComposeResult.noop("");
                }), new CloseGateway(), Guardrails.defaults(), List.of(), versions()),
                ledger(), new DigestTracker(252), instruments(), 16, Duration.ofSeconds(1));
        run(paper, 2);
        assertThat(seen).containsExactly("run-1", "run-2");
        assertThat(MDC.get(CycleLogScope.KEY)).isNull();
    }

    private static List<CycleRecord> run(CycleCoordinator c, int bars) {
        List<CycleRecord> records = new ArrayList<>();
        for (int day = 1; day <= bars; day++) {
            records.add(c.runCycle(List.of(new Candle("ACME", day * DAY, 100 + day, 110 + day, 90 + day, 100 + day, 1000))));
        }
        return records;
    }

    private static CycleCoordinator coordinator(int warmup, Function<ComposeContext, ComposeResult> decide) {
        return coordinator(new CloseOnlyPipeline(warmup), decide, new CloseGateway());
    }

    private static CycleCoordinator coordinator(FeaturesPipeline features, Function<ComposeContext, ComposeResult> decide,
            ExecutionGateway gateway) {
        return new CycleCoordinator(info(), new StrategyComponents(features, composer(decide), gateway,
                Guardrails.defaults(), List.of(), versions()), ledger(), new DigestTracker(252), instruments(), 16,
                Duration.ofSeconds(1));
    }

    private static StrategyInfo info() {
        return new StrategyInfo("test", "run", "backtest", List.of("ACME"));
    }

    private static LedgerPortfolio ledger() {
        return new LedgerPortfolio("test", new BigDecimal("100000"), Constraints.NONE);
    }

    private static Map<String, Instrument> instruments() {
        return Map.of("ACME", Instrument.of("ACME"));
    }

    private static List<ComponentVersion> versions() {
        return List.of(new ComponentVersion("composer", "test-composer", "builtin", "builtin", ""));
    }

    private static DecisionComposer composer(Function<ComposeContext, ComposeResult> decide) {
        return new DecisionComposer() {
            @Override
            public String id() {
                return "test-composer";
            }

            @Override
            public ComposeResult compose(ComposeContext context) {
                return decide.apply(context);
            }
        };
    }

    /** Fills at the latest close, immediately. */
    private static class CloseGateway implements ExecutionGateway {
        @Override
        public String id() {
            return "close-fill";
        }

        @Override
        public CompletionStage<List<TxResult>> submit(List<TradeInstruction> instructions, MarketWindow market) {
            return CompletableFuture.completedFuture(instructions.stream()
                    .map(i -> TxResult.filled(i, market.latest(i.symbol()).close(), 0, market.latest(i.symbol()).ts()))
                    .toList());
        }
    }
}
