package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.MetricSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LLM composers report their shared queue's metrics after real calls against the fake endpoint. */
class QueueMetricsTest {

    private static List<MetricSample> collect(ModelBackedComposer composer) {
        List<MetricSample> samples = new ArrayList<>();
        composer.collect(samples::add);
        return samples;
    }

    /** @return value by {@code name{tag=value,...}} with the tags in their sorted order */
    private static Map<String, Double> byKey(List<MetricSample> samples) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MetricSample s : samples) {
            out.put(s.name() + s.tags(), s.value());
        }
        return out;
    }

    @Test
    void a_composer_reports_its_shared_queue_after_real_calls_and_nothing_before_its_first_cycle() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(LlmComposerTest.BUY))) {
            server.respond(r -> server.received().size() == 1
                    ? new FakeOpenAiServer.Status(429, "{\"error\":\"slow down\"}", "0")
                    : FakeOpenAiServer.answer(LlmComposerTest.BUY));
            LlmComposer composer = LlmComposerTest.composer(server, Map.of("maxAttempts", 2));
            assertThat(collect(composer)).isEmpty();

            composer.compose(LlmComposerTest.cycle(1, 1, 2)); // a 429, then the retry answers
            composer.compose(LlmComposerTest.cycle(2, 1, 2));
            List<MetricSample> samples = collect(composer);

            String q = "{queue=" + server.baseUrl() + "}";
            String r = "{outcome=%s, queue=" + server.baseUrl() + "}";
            Map<String, Double> m = byKey(samples);
            assertThat(m).containsEntry("stratagem_llm_queue_depth" + q, 0.0)
                    .containsEntry("stratagem_llm_queue_depth_max" + q, 1.0)
                    .containsEntry("stratagem_llm_queue_in_flight" + q, 0.0)
                    .containsEntry("stratagem_llm_queue_submitted_total" + q, 2.0)
                    .containsEntry("stratagem_llm_queue_requests_total" + r.formatted("completed"), 2.0)
                    .containsEntry("stratagem_llm_queue_requests_total" + r.formatted("failed"), 0.0)
                    .containsEntry("stratagem_llm_queue_requests_total" + r.formatted("expired"), 0.0)
                    .containsEntry("stratagem_llm_queue_requests_total" + r.formatted("rejected"), 0.0)
                    .containsEntry("stratagem_llm_queue_http_429_total" + q, 1.0)
                    .containsEntry("stratagem_llm_queue_retries_total" + q, 1.0)
                    .containsEntry("stratagem_llm_queue_tokens_total" + q, 30.0); // 2 answers x (10 prompt + 5 completion)
            QueueMetrics queue = SharedQueues.metrics().get(server.baseUrl());
            assertThat(m).containsEntry("stratagem_llm_queue_wait_seconds_total" + q, queue.totalWaitMillis() / 1000.0)
                    .containsEntry("stratagem_llm_queue_wait_seconds_max" + q, queue.maxWaitMillis() / 1000.0)
                    .containsEntry("stratagem_llm_queue_latency_seconds_total" + q, queue.totalLatencyMillis() / 1000.0);
            assertThat(samples).hasSize(14).allMatch(MetricSample::shared);
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void two_strategies_on_one_endpoint_report_the_same_series_for_the_runtime_to_expose_once() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer(LlmComposerTest.BUY))) {
            LlmComposer one = LlmComposerTest.composer(server, Map.of());
            AgentPipelineComposer agents = new AgentPipelineComposer();
            agents.configure(dev.stratagem.api.Parameters.of(Map.of("baseUrl", server.baseUrl(), "model", "fake-model",
                    "directorTemplate", "d", "quantTemplate", "q", "riskTemplate", "r", "executionTemplate", "e")));
            one.compose(LlmComposerTest.cycle(1, 1, 2));
            agents.compose(LlmComposerTest.cycle(1, 1, 2)); // the director's answer is no director answer: repaired, then a NOOP

            List<MetricSample> fromOne = collect(one);
            assertThat(collect(agents)).isEqualTo(fromOne);
            assertThat(byKey(fromOne)).containsEntry("stratagem_llm_queue_submitted_total{queue=" + server.baseUrl() + "}",
                    (double) server.received().size());
        }
    }

    @Test
    void the_queue_tag_leaves_credentials_in_the_url_out() {
        assertThat(LlmSession.queueName("https://user:sk-secret@api.example.com:8443/v1"))
                .isEqualTo("https://api.example.com:8443/v1");
        assertThat(LlmSession.queueName("http://127.0.0.1:8080/v1")).isEqualTo("http://127.0.0.1:8080/v1");
    }

    @Test
    void the_queue_tag_leaves_a_key_in_the_query_or_fragment_out() {
        assertThat(LlmSession.queueName("https://generativelanguage.example.com/v1beta/openai?key=AIza-secret"))
                .isEqualTo("https://generativelanguage.example.com/v1beta/openai");
        assertThat(LlmSession.queueName("https://api.example.com/v1?api-version=1&key=sk-secret#token=sk-other"))
                .isEqualTo("https://api.example.com/v1");
        assertThat(LlmSession.queueName("http://[not a url?key=sk-secret")).isEqualTo("unparsable");
    }
}
