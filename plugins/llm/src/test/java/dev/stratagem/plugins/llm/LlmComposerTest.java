package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratagem.api.ComposeContext;
import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Constraints;
import dev.stratagem.api.FeatureVector;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.PortfolioView;
import dev.stratagem.api.RunMode;
import dev.stratagem.api.TradeDigest;
import dev.stratagem.api.TradeInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmComposerTest {

    static final String BUY = "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":10}],"
            + "\"rationale\":\"uptrend\",\"confidence\":0.7}";

    @TempDir
    Path dir;

    /** A paper-trading cycle: with the default mode {@code auto} the composer calls the model. */
    static ComposeContext cycle(int i, double fast, double slow) {
        return cycle(i, fast, slow, RunMode.PAPER);
    }

    static ComposeContext cycle(int i, double fast, double slow, RunMode mode) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("close", 10.0 + i);
        f.put("sma_2", fast);
        f.put("sma_3", slow);
        PortfolioView p = new PortfolioView(i, 100_000, 100_000, 0, 0, 0, 0, List.of(), Constraints.NONE);
        return new ComposeContext(i, "bt-run-" + i, "llm-test", List.of(FeatureVector.of("ORCL", i, f)), p,
                TradeDigest.EMPTY, mode);
    }

    static LlmComposer composer(FakeOpenAiServer server, Map<String, Object> extra) {
        Map<String, Object> params = new HashMap<>(Map.of("baseUrl", server.baseUrl(), "model", "fake-model",
                "template", "Features: {{features}}\nPortfolio: {{portfolio}}\n{{schema}}", "maxAttempts", 1));
        params.putAll(extra);
        LlmComposer c = new LlmComposer();
        c.configure(Parameters.of(params));
        return c;
    }

    @Test
    void turns_a_valid_answer_into_instructions_with_the_transcript_in_the_rationale() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            ComposeResult r = composer(server, Map.of()).compose(cycle(1, 1, 2));

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 10));
            assertThat(r.rationale()).startsWith("uptrend (confidence 0.7) || llm {\"v\":1,\"calls\":[{\"stage\":\"decision\","
                    + "\"model\":\"fake-model\",\"hash\":\"");
            assertThat(server.received().getFirst().lastUser()).contains("\"ORCL\":{\"close\":11,\"sma_2\":1,\"sma_3\":2}");
        }
    }

    @Test
    void an_invalid_answer_is_repaired_once_with_the_errors() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(
                r.lastUser().startsWith("Your answer broke") ? BUY : "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"LONG\",\"quantity\":10}],\"rationale\":\"x\",\"confidence\":0.7}"))) {
            ComposeResult r = composer(server, Map.of()).compose(cycle(1, 1, 2));

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 10));
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(1).lastUser()).contains("instructions[0].side must be BUY or SELL, was LONG");
            assertThat(r.rationale()).contains("\"stage\":\"decision-repair\"");
        }
    }

    @Test
    void an_answer_still_invalid_after_the_repair_is_a_noop_with_the_reason() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer("I think you should buy."))) {
            ComposeResult r = composer(server, Map.of()).compose(cycle(1, 1, 2));

            assertThat(r.instructions()).isEmpty();
            assertThat(r.rationale()).startsWith("NOOP: decision answer invalid after one repair: not JSON");
        }
    }

    @Test
    void a_low_confidence_answer_is_a_noop() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            ComposeResult r = composer(server, Map.of("minConfidence", 0.9)).compose(cycle(1, 1, 2));
            assertThat(r.instructions()).isEmpty();
            assertThat(r.rationale()).startsWith("NOOP: confidence 0.7 below minConfidence 0.9");
        }
    }

    @Test
    void falls_back_to_the_sma_rule_when_the_model_is_down_and_says_so() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(500, "{}", null))) {
            LlmComposer c = composer(server, Map.of("fallback", "sma-crossover", "fallbackFast", 2, "fallbackSlow", 3,
                    "fallbackQuantity", 7));
            assertThat(c.requiredFeatures()).containsExactlyInAnyOrder("sma_2", "sma_3", "close", "high", "low");
            c.compose(cycle(1, 1, 2));
            ComposeResult r = c.compose(cycle(2, 3, 2)); // sma_2 crosses above sma_3

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 7));
            assertThat(r.rationale()).startsWith("fallback sma-crossover (model unavailable, SERVER: HTTP 500")
                    .contains("\"fallback\":\"sma-crossover\"");
        }
    }

    @Test
    void a_spent_budget_falls_back_without_calling_the_model() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            LlmComposer c = composer(server, Map.of("tokenBudget", 15, "fallback", "sma-crossover", "fallbackFast", 2,
                    "fallbackSlow", 3));
            c.compose(cycle(1, 1, 2));
            ComposeResult r = c.compose(cycle(2, 1, 2));

            assertThat(server.received()).hasSize(1);
            assertThat(r.rationale()).startsWith("fallback sma-crossover (model unavailable, BUDGET: llm-test: token budget spent: 15 of 15)");
        }
    }

    @Test
    void a_decision_that_misses_its_deadline_is_a_stale_noop() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Hang())) {
            ComposeResult r = composer(server, Map.of("deadlineMillis", 200, "fallback", "sma-crossover",
                    "fallbackFast", 2, "fallbackSlow", 3)).compose(cycle(1, 1, 2));
            assertThat(r.instructions()).isEmpty();
            assertThat(r.rationale()).startsWith("NOOP: stale decision, DEADLINE: no answer before the deadline");
        }
    }

    @Test
    void a_recorded_run_replays_identically_without_calling_the_model() throws Exception {
        List<ComposeResult> recorded = new ArrayList<>();
        int[] n = {0};
        try (var server = new FakeOpenAiServer(r -> switch (n[0]++ % 4) {
            case 0 -> FakeOpenAiServer.answer(BUY);
            case 1 -> new FakeOpenAiServer.Status(500, "{}", null); // a fallback, recorded as a failure
            case 2 -> FakeOpenAiServer.answer("{\"instructions\":[],\"rationale\":\"wait " + n[0] + "\",\"confidence\":0.5}");
            default -> FakeOpenAiServer.answer("{\"instructions\":[],\"rationale\":\"hold\",\"confidence\":0.2}");
        })) {
            LlmComposer c = composer(server, Map.of("mode", "record", "recordings", dir.toString(), "fallback",
                    "sma-crossover", "fallbackFast", 2, "fallbackSlow", 3));
            for (int i = 0; i < 20; i++) {
                recorded.add(c.compose(cycle(i % 5, i % 3, 1))); // bars repeat: equal prompts, different answers
            }
            assertThat(Files.readAllLines(dir.resolve("llm-test.jsonl"))).hasSize(20);

            int calls = server.received().size();
            LlmComposer replay = composer(server, Map.of("mode", "replay", "recordings", dir.toString(), "fallback",
                    "sma-crossover", "fallbackFast", 2, "fallbackSlow", 3));
            List<ComposeResult> replayed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replayed.add(replay.compose(cycle(i % 5, i % 3, 1)));
            }
            assertThat(replayed).isEqualTo(recorded);
            assertThat(server.received()).hasSize(calls);

            assertThatThrownBy(() -> replay.compose(cycle(99, 1, 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no recorded answer for composeId bt-run-99, stage decision, hash ");
        }
    }

    @Test
    void auto_records_in_paper_and_replays_in_a_backtest_without_calling_the_model() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            LlmComposer paper = composer(server, Map.of("recordings", dir.toString()));
            ComposeResult recorded = paper.compose(cycle(1, 1, 2, RunMode.PAPER));
            assertThat(server.received()).hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("llm-test.jsonl"))).hasSize(1);

            LlmComposer backtest = composer(server, Map.of("recordings", dir.toString()));
            assertThat(backtest.compose(cycle(1, 1, 2, RunMode.BACKTEST))).isEqualTo(recorded);
            assertThat(server.received()).hasSize(1);

            assertThatThrownBy(() -> backtest.compose(cycle(2, 1, 2, RunMode.BACKTEST)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no recorded answer for composeId bt-run-2, stage decision, hash ");
        }
    }

    @Test
    void auto_in_paper_without_recordings_calls_the_model_and_records_nothing() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            composer(server, Map.of()).compose(cycle(1, 1, 2, RunMode.LIVE));
            assertThat(server.received()).hasSize(1);
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void auto_in_a_backtest_without_recordings_is_a_cycle_error_naming_the_parameter() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            assertThatThrownBy(() -> composer(server, Map.of()).compose(cycle(1, 1, 2, RunMode.BACKTEST)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'recordings'").hasMessageContaining("mode: record");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void an_explicit_mode_overrides_the_run_mode() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            composer(server, Map.of("mode", "live")).compose(cycle(1, 1, 2, RunMode.BACKTEST));
            composer(server, Map.of("mode", "record", "recordings", dir.toString())).compose(cycle(1, 1, 2, RunMode.BACKTEST));
            assertThat(server.received()).hasSize(2);
            assertThat(Files.readAllLines(dir.resolve("llm-test.jsonl"))).hasSize(1);

            composer(server, Map.of("mode", "replay", "recordings", dir.toString())).compose(cycle(1, 1, 2, RunMode.LIVE));
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void a_replayed_context_is_answered_from_the_recording_without_calling_the_model() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            LlmComposer running = composer(server, Map.of("recordings", dir.toString()));
            ComposeContext decided = cycle(1, 1, 2, RunMode.PAPER);
            ComposeResult recorded = running.compose(decided);
            assertThat(server.received()).hasSize(1);

            LlmComposer validation = composer(server, Map.of("recordings", dir.toString())); // a reload's fresh copy
            for (int i = 0; i < 3; i++) {
                assertThat(validation.compose(decided.replayed())).isEqualTo(recorded);
            }
            assertThat(running.compose(decided.replayed())).isEqualTo(recorded);
            // the same prompt under another compose id (a resume primes with <runId>-replay): found by its hash
            assertThat(validation.compose(new ComposeContext(1, "pp-run-replay", "llm-test", decided.features(),
                    decided.portfolio(), decided.digest(), RunMode.REPLAY))).isEqualTo(recorded);

            assertThat(server.received()).as("no call for a replayed context").hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("llm-test.jsonl"))).as("nothing recorded twice").hasSize(1);
            assertThat(validation.session()).as("a replay opens no session").isNull();
        }
    }

    @Test
    void a_replayed_context_without_a_recorded_answer_is_a_noop_and_calls_nobody() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            for (LlmComposer c : List.of(composer(server, Map.of()), composer(server, Map.of("recordings", dir.toString())),
                    composer(server, Map.of("mode", "live")))) {
                ComposeResult r = c.compose(cycle(1, 1, 2, RunMode.REPLAY));

                assertThat(r.instructions()).isEmpty();
                assertThat(r.rationale()).startsWith("replay: no recorded answer, the model is not called || llm ");
            }
            assertThat(server.received()).isEmpty();
            assertThat(SharedQueues.users(server.baseUrl())).as("no queue opened").isZero();
        }
    }

    @Test
    void priming_with_replayed_contexts_leaves_the_next_paper_cycle_to_the_model() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            LlmComposer c = composer(server, Map.of("recordings", dir.toString()));
            c.compose(cycle(1, 1, 2, RunMode.REPLAY)); // a resume primes first: nothing recorded yet

            ComposeResult r = c.compose(cycle(2, 1, 2, RunMode.PAPER));

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 10));
            assertThat(server.received()).hasSize(1);
            assertThat(c.session().mode()).isEqualTo(LlmSettings.Mode.RECORD);
        }
    }

    @Test
    void a_replayed_context_keeps_the_fallback_rule_and_a_recorded_failure_as_they_happened() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(500, "{}", null))) {
            Map<String, Object> params = Map.of("recordings", dir.toString(), "fallback", "sma-crossover",
                    "fallbackFast", 2, "fallbackSlow", 3, "fallbackQuantity", 7);
            LlmComposer running = composer(server, params);
            running.compose(cycle(1, 1, 2, RunMode.PAPER));
            ComposeResult recorded = running.compose(cycle(2, 3, 2, RunMode.PAPER)); // sma_2 crosses above sma_3
            int calls = server.received().size();

            LlmComposer validation = composer(server, params);
            validation.compose(cycle(1, 1, 2, RunMode.PAPER).replayed());
            ComposeResult replayed = validation.compose(cycle(2, 3, 2, RunMode.PAPER).replayed());

            assertThat(replayed).isEqualTo(recorded);
            assertThat(replayed.instructions()).containsExactly(TradeInstruction.buy("ORCL", 7));
            assertThat(server.received()).hasSize(calls);
        }
    }

    @Test
    void closing_the_last_composer_of_an_endpoint_stops_its_queue_and_its_threads() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(BUY))) {
            LlmComposer a = composer(server, Map.of());
            LlmComposer b = composer(server, Map.of());
            a.compose(cycle(1, 1, 2));
            b.compose(cycle(1, 1, 2));
            LlmRequestQueue queue = a.session().queue();
            assertThat(b.session().queue()).isSameAs(queue);
            assertThat(SharedQueues.users(server.baseUrl())).isEqualTo(2);

            a.close();
            a.close(); // idempotent: gives back one use only
            assertThat(SharedQueues.users(server.baseUrl())).isEqualTo(1);
            assertThat(queue.terminated()).isFalse();
            assertThat(b.compose(cycle(2, 1, 2)).instructions()).containsExactly(TradeInstruction.buy("ORCL", 10));

            b.close();
            assertThat(SharedQueues.users(server.baseUrl())).isZero();
            assertThat(queue.terminated()).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(queue.threadPrefix()));
        }
    }

    @Test
    void bad_parameters_fail_at_load_naming_the_key() {
        LlmComposer c = new LlmComposer();
        assertThatThrownBy(() -> c.configure(Parameters.of(Map.of("model", "m", "template", "{{feature}}"))))
                .hasMessageContaining("'template'").hasMessageContaining("{{feature}}");
        assertThatThrownBy(() -> c.configure(Parameters.of(Map.of("model", "m", "template", "x", "mode", "replay"))))
                .hasMessageContaining("'recordings'");
        assertThatThrownBy(() -> c.configure(Parameters.of(Map.of("model", "m", "template", "x", "mode", "demo"))))
                .hasMessageContaining("'mode' must be auto, live, record or replay, was 'demo'");
        assertThatThrownBy(() -> c.configure(Parameters.of(Map.of("model", "m", "templat", "x"))))
                .hasMessageContaining("unknown parameter 'templat'");
        assertThatThrownBy(() -> c.configure(Parameters.of(Map.of("template", "x"))))
                .hasMessageContaining("'model' is required");
    }
}
