package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatClientTest {

    private static final ChatRequest REQUEST = new ChatRequest("fake-model",
            List.of(new ChatRequest.ChatMessage("system", "be brief"), new ChatRequest.ChatMessage("user", "hi")),
            0.2, true, 64, false);

    @Test
    void reads_a_json_completion_and_sends_model_key_and_json_mode() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer("{\"ok\":true}"))) {
            ChatAnswer answer = new ChatClient(server.baseUrl(), "sk-test", Duration.ofSeconds(5)).complete(REQUEST);

            assertThat(answer).isEqualTo(new ChatAnswer("{\"ok\":true}", 10, 5));
            var sent = server.received().getFirst();
            assertThat(sent.authorization()).isEqualTo("Bearer sk-test");
            assertThat(sent.json()).containsEntry("model", "fake-model").containsKey("response_format")
                    .doesNotContainKey("stream");
            assertThat(sent.lastUser()).isEqualTo("hi");
        }
    }

    @Test
    void joins_the_deltas_of_a_server_sent_event_stream() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Stream(List.of("{\"a\":", " 1", "}")))) {
            ChatRequest streamed = new ChatRequest("m", REQUEST.messages(), 0, false, 0, true);
            ChatAnswer answer = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5)).complete(streamed);

            assertThat(answer).isEqualTo(new ChatAnswer("{\"a\": 1}", 7, 3));
            assertThat(server.received().getFirst().json()).containsEntry("stream", true);
            assertThat(server.received().getFirst().authorization()).isNull();
        }
    }

    @Test
    void a_500_is_a_retryable_server_failure() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(500, "{\"error\":\"boom\"}", null))) {
            assertThatThrownBy(() -> new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5)).complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(ChatFailure.Kind.SERVER);
                        assertThat(f.kind().retryable).isTrue();
                    })
                    .hasMessageContaining("HTTP 500").hasMessageContaining("boom");
        }
    }

    @Test
    void a_429_carries_its_retry_after() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(429, "{}", "2"))) {
            assertThatThrownBy(() -> new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5)).complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(ChatFailure.Kind.RATE_LIMITED);
                        assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    });
        }
    }

    @Test
    void a_401_is_a_client_failure_that_is_not_retried() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(401, "{\"error\":\"bad key\"}", null))) {
            assertThatThrownBy(() -> new ChatClient(server.baseUrl(), "x", Duration.ofSeconds(5)).complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind().retryable).isFalse())
                    .hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void malformed_json_and_a_completion_without_content_are_malformed() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Raw("application/json", "{\"choices\": [oops"))) {
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5));
            assertThatThrownBy(() -> client.complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(ChatFailure.Kind.MALFORMED));
            server.respond(r -> new FakeOpenAiServer.Raw("application/json", "{\"choices\":[]}"));
            assertThatThrownBy(() -> client.complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(ChatFailure.Kind.MALFORMED));
            server.respond(r -> new FakeOpenAiServer.Raw("text/event-stream", "data: {\"choices\":[]}\n\n"));
            assertThatThrownBy(() -> client.complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(ChatFailure.Kind.MALFORMED))
                    .hasMessageContaining("[DONE]");
        }
    }

    @Test
    void an_answer_that_never_comes_times_out() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Hang())) {
            assertThatThrownBy(() -> new ChatClient(server.baseUrl(), "", Duration.ofMillis(200)).complete(REQUEST))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(ChatFailure.Kind.TIMEOUT));
        }
    }

    @Test
    void parses_retry_after_in_seconds_and_as_an_http_date() {
        assertThat(ChatClient.retryAfter("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ChatClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ChatClient.retryAfter("soon")).isNull();
        assertThat(ChatClient.retryAfter(null)).isNull();
    }

    @Test
    void close_ends_the_http_client_and_its_threads() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer("{\"ok\":true}"))) {
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5));
            client.complete(REQUEST);

            client.close();

            assertThat(client.terminated()).isTrue();
        }
    }
}
