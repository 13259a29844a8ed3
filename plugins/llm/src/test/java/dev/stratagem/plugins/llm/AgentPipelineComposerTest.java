package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.ComposeResult;
import dev.stratagem.api.Parameters;
import dev.stratagem.api.TradeInstruction;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentPipelineComposerTest {

    private static AgentPipelineComposer pipeline(FakeOpenAiServer server) {
        AgentPipelineComposer c = new AgentPipelineComposer();
        c.configure(Parameters.of(Map.of("baseUrl", server.baseUrl(), "model", "fake-model", "maxAttempts", 1,
                "directorTemplate", "DIRECTOR {{features}} {{portfolio}}",
                "quantTemplate", "QUANT thesis {{director}} features {{features}}",
                "riskTemplate", "RISK {{director}} {{quant}} {{portfolio}} {{constraints}}",
                "executionTemplate", "EXECUTION {{risk}}")));
        return c;
    }

    private static Function<FakeOpenAiServer.Received, FakeOpenAiServer.Reply> desk(String quant) {
        return r -> {
            String prompt = r.lastUser();
            String stage = prompt.substring(0, prompt.indexOf(' '));
            return FakeOpenAiServer.answer(switch (stage) {
                case "DIRECTOR" -> "{\"proceed\":true,\"reason\":\"momentum\",\"thesis\":\"breakout\",\"symbol\":\"ORCL\","
                        + "\"side\":\"BUY\",\"confidence\":0.8}";
                case "QUANT" -> quant;
                case "RISK" -> "{\"proceed\":true,\"reason\":\"fits\",\"quantity\":25,\"stopLoss\":9.5,\"takeProfit\":13}";
                default -> "{\"instructions\":[{\"symbol\":\"ORCL\",\"side\":\"BUY\",\"quantity\":25}],"
                        + "\"rationale\":\"breakout, stop 9.5, target 13\",\"confidence\":0.75}";
            });
        };
    }

    @Test
    void director_quant_risk_and_execution_each_answer_and_pass_their_answer_on() throws Exception {
        try (var server = new FakeOpenAiServer(desk("{\"proceed\":true,\"reason\":\"ok\",\"check\":\"sma up\",\"score\":0.9}"))) {
            ComposeResult r = pipeline(server).compose(LlmComposerTest.cycle(1, 1, 2));

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 25));
            assertThat(server.received()).hasSize(4);
            assertThat(server.received().get(2).lastUser()).contains("\"thesis\":\"breakout\"").contains("\"score\":0.9");
            assertThat(server.received().get(3).lastUser()).isEqualTo(
                    "EXECUTION {\"proceed\":true,\"reason\":\"fits\",\"quantity\":25,\"stopLoss\":9.5,\"takeProfit\":13}");
            assertThat(r.rationale()).startsWith("breakout, stop 9.5, target 13 (confidence 0.75);"
                    + " ORCL long: stop-loss 9.5, take-profit 13 (pending the entry's fill, at most 3 bars)"
                    + " || llm ")
                    .contains("\"stage\":\"director\"").contains("\"stage\":\"quant\"")
                    .contains("\"stage\":\"risk\"").contains("\"stage\":\"execution\"");
        }
    }

    @Test
    void any_stage_can_stop_the_chain_with_its_reason() throws Exception {
        try (var server = new FakeOpenAiServer(desk("{\"proceed\":false,\"reason\":\"RSI overbought\"}"))) {
            ComposeResult r = pipeline(server).compose(LlmComposerTest.cycle(1, 1, 2));

            assertThat(r.instructions()).isEmpty();
            assertThat(r.rationale()).startsWith("NOOP: quant stopped the chain: RSI overbought || llm ");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void a_stage_answer_missing_its_fields_is_repaired_once() throws Exception {
        try (var server = new FakeOpenAiServer(r -> r.lastUser().startsWith("Your answer broke")
                ? FakeOpenAiServer.answer("{\"proceed\":true,\"reason\":\"ok\",\"check\":\"fine\",\"score\":0.6}")
                : desk("{\"proceed\":true,\"reason\":\"ok\"}").apply(r))) {
            ComposeResult r = pipeline(server).compose(LlmComposerTest.cycle(1, 1, 2));

            assertThat(r.instructions()).containsExactly(TradeInstruction.buy("ORCL", 25));
            assertThat(server.received().get(2).lastUser()).contains("'check' must be a string; 'score' must be a number");
        }
    }

    @Test
    void a_replayed_context_runs_every_stage_from_the_recording_and_calls_nobody() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("agents-replay");
        try (var server = new FakeOpenAiServer(desk("{\"proceed\":true,\"reason\":\"ok\",\"check\":\"sma up\",\"score\":0.9}"))) {
            AgentPipelineComposer running = pipeline(server, dir);
            var decided = LlmComposerTest.cycle(1, 1, 2);
            ComposeResult recorded = running.compose(decided);
            assertThat(server.received()).hasSize(4);

            assertThat(pipeline(server, dir).compose(decided.replayed())).isEqualTo(recorded);
            ComposeResult unknown = pipeline(server, dir).compose(LlmComposerTest.cycle(2, 5, 2).replayed());

            assertThat(unknown.instructions()).isEmpty();
            assertThat(unknown.rationale()).startsWith(ModelBackedComposer.NOT_RECORDED);
            assertThat(server.received()).hasSize(4);
        }
    }

    private static AgentPipelineComposer pipeline(FakeOpenAiServer server, java.nio.file.Path recordings) {
        AgentPipelineComposer c = new AgentPipelineComposer();
        c.configure(Parameters.of(Map.of("baseUrl", server.baseUrl(), "model", "fake-model", "maxAttempts", 1,
                "recordings", recordings.toString(),
                "directorTemplate", "DIRECTOR {{features}} {{portfolio}}",
                "quantTemplate", "QUANT thesis {{director}} features {{features}}",
                "riskTemplate", "RISK {{director}} {{quant}} {{portfolio}} {{constraints}}",
                "executionTemplate", "EXECUTION {{risk}}")));
        return c;
    }
}
