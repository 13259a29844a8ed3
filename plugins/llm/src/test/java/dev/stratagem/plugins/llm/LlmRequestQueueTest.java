package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LlmRequestQueueTest {

    private static QueueConfig config(int concurrency, int queueSize, int requests, Duration window, int attempts) {
        return new QueueConfig(concurrency, queueSize, requests, Long.MAX_VALUE, window, attempts,
                Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private static ChatRequest ask(String text) {
        return new ChatRequest("m", List.of(new ChatRequest.ChatMessage("user", text)), 0, false, 0, false);
    }

    private static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    private static ChatFailure.Kind failureOf(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return ((ChatFailure) e.getCause()).kind();
        }
    }

    @Test
    void urgent_calls_start_before_normal_ones_submitted_earlier() throws Exception {
        CountDownLatch blockerStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        LlmRequestQueue.Transport transport = r -> {
            String text = r.messages().getFirst().content();
            started.add(text);
            if (text.equals("blocker")) {
                blockerStarted.countDown();
                await(release);
            }
            return new ChatAnswer(text, 1, 1);
        };
        try (var queue = new LlmRequestQueue(config(1, 10, 1000, Duration.ofMinutes(1), 1), transport)) {
            var blocker = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("blocker"));
            assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();
            var n1 = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("n1"));
            var n2 = queue.submit("b", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("n2"));
            var u1 = queue.submit("c", Priority.URGENT, in(Duration.ofSeconds(10)), ask("u1"));
            assertThat(queue.metrics().depth()).isEqualTo(3);
            release.countDown();
            CompletableFuture.allOf(blocker, n1, n2, u1).get(5, TimeUnit.SECONDS);

            assertThat(started).containsExactly("blocker", "u1", "n1", "n2");
            assertThat(queue.metrics().completed()).isEqualTo(4);
        }
    }

    @Test
    void a_429_pauses_the_endpoint_for_its_retry_after_then_retries() throws Exception {
        try (var server = new FakeOpenAiServer(r -> FakeOpenAiServer.answer("ok"))) {
            server.respond(r -> server.received().size() == 1
                    ? new FakeOpenAiServer.Status(429, "{\"error\":\"slow down\"}", "0.3")
                    : FakeOpenAiServer.answer("ok"));
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5));
            try (var queue = new LlmRequestQueue(config(2, 10, 1000, Duration.ofMinutes(1), 3), client::complete)) {
                ChatAnswer answer = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("x"))
                        .get(5, TimeUnit.SECONDS);

                assertThat(answer.content()).isEqualTo("ok");
                var received = server.received();
                assertThat(received).hasSize(2);
                assertThat(received.get(1).nanos() - received.get(0).nanos()).isGreaterThanOrEqualTo(300_000_000L);
                assertThat(queue.metrics().rateLimited()).isEqualTo(1);
                assertThat(queue.metrics().retries()).isEqualTo(1);
            }
        }
    }

    @Test
    void server_errors_are_retried_with_backoff_up_to_max_attempts() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Status(503, "{}", null))) {
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5));
            try (var queue = new LlmRequestQueue(config(2, 10, 1000, Duration.ofMinutes(1), 3), client::complete)) {
                var f = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("x"));

                assertThat(failureOf(f)).isEqualTo(ChatFailure.Kind.SERVER);
                assertThat(server.received()).hasSize(3);
                assertThat(queue.metrics().failed()).isEqualTo(1);
                assertThat(queue.metrics().retries()).isEqualTo(2);
            }
        }
    }

    @Test
    void a_call_past_its_deadline_fails_as_stale_in_flight_or_waiting() throws Exception {
        try (var server = new FakeOpenAiServer(r -> new FakeOpenAiServer.Hang())) {
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(20));
            try (var queue = new LlmRequestQueue(config(1, 10, 1, Duration.ofMinutes(1), 1), client::complete)) {
                var inFlight = queue.submit("a", Priority.NORMAL, in(Duration.ofMillis(200)), ask("x"));
                var waiting = queue.submit("b", Priority.NORMAL, in(Duration.ofMillis(300)), ask("y"));

                assertThat(failureOf(inFlight)).isEqualTo(ChatFailure.Kind.DEADLINE);
                assertThat(failureOf(waiting)).isEqualTo(ChatFailure.Kind.DEADLINE);
                assertThat(queue.metrics().expired()).isEqualTo(2);
                assertThat(server.received()).hasSize(1); // the rate limit held the second one back
            }
        }
    }

    @Test
    void a_strategy_over_its_token_budget_is_refused_while_others_go_on() throws Exception {
        try (var queue = new LlmRequestQueue(config(2, 10, 1000, Duration.ofMinutes(1), 1), r -> new ChatAnswer("ok", 10, 5))) {
            queue.budget("thrifty", 15, null, BigDecimal.ZERO);
            queue.submit("thrifty", Priority.NORMAL, in(Duration.ofSeconds(5)), ask("x")).get(5, TimeUnit.SECONDS);

            var refused = queue.submit("thrifty", Priority.NORMAL, in(Duration.ofSeconds(5)), ask("x"));
            assertThat(failureOf(refused)).isEqualTo(ChatFailure.Kind.BUDGET);
            assertThatThrownBy(refused::join).hasMessageContaining("token budget spent: 15 of 15");
            assertThat(queue.submit("other", Priority.NORMAL, in(Duration.ofSeconds(5)), ask("x"))
                    .get(5, TimeUnit.SECONDS).content()).isEqualTo("ok");
            assertThat(queue.metrics().rejected()).isEqualTo(1);
            assertThat(queue.metrics().tokens()).isEqualTo(30);
        }
    }

    @Test
    void a_full_queue_refuses_a_normal_call_but_an_urgent_one_displaces_the_newest_normal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        LlmRequestQueue.Transport transport = r -> {
            started.countDown();
            await(release);
            return new ChatAnswer("ok", 1, 1);
        };
        try (var queue = new LlmRequestQueue(config(1, 1, 1000, Duration.ofMinutes(1), 1), transport)) {
            var running = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("1"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            var waiting = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("2"));
            var refused = queue.submit("b", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("3"));
            var urgent = queue.submit("c", Priority.URGENT, in(Duration.ofSeconds(10)), ask("4"));

            assertThat(failureOf(refused)).isEqualTo(ChatFailure.Kind.QUEUE_FULL);
            assertThat(failureOf(waiting)).isEqualTo(ChatFailure.Kind.QUEUE_FULL);
            release.countDown();
            assertThat(urgent.get(5, TimeUnit.SECONDS).content()).isEqualTo("ok");
            assertThat(running.get(5, TimeUnit.SECONDS).content()).isEqualTo("ok");
        }
    }

    @Test
    void starts_no_more_requests_per_window_than_allowed() throws Exception {
        List<Long> starts = new CopyOnWriteArrayList<>();
        LlmRequestQueue.Transport transport = r -> {
            starts.add(System.nanoTime());
            return new ChatAnswer("ok", 1, 1);
        };
        Duration window = Duration.ofMillis(200);
        try (var queue = new LlmRequestQueue(config(4, 100, 3, window, 1), transport)) {
            List<CompletableFuture<ChatAnswer>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 9; i++) {
                all.add(queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(10)), ask("x" + i)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            List<Long> sorted = starts.stream().sorted().toList();
            for (int i = 0; i + 3 < sorted.size(); i++) {
                // the fourth start after any start comes a whole window later (minus thread start-up jitter)
                assertThat(sorted.get(i + 3) - sorted.get(i)).isGreaterThan(window.toNanos() - 20_000_000L);
            }
        }
    }

    @Test
    void close_fails_the_waiting_and_the_running_calls_and_returns_once_its_threads_ended() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        boolean[] transportClosed = {false};
        LlmRequestQueue.Transport transport = new LlmRequestQueue.Transport() {
            @Override
            public ChatAnswer complete(ChatRequest request) {
                started.countDown();
                await(never); // until the close interrupts it
                return new ChatAnswer("late", 1, 1);
            }

            @Override
            public void close() {
                transportClosed[0] = true;
            }
        };
        var queue = new LlmRequestQueue(config(1, 10, 1000, Duration.ofMinutes(1), 1), transport);
        var running = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(30)), ask("1"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        var waiting = queue.submit("a", Priority.NORMAL, in(Duration.ofSeconds(30)), ask("2"));

        queue.close();

        assertThat(failureOf(running)).isEqualTo(ChatFailure.Kind.QUEUE_FULL);
        assertThat(failureOf(waiting)).isEqualTo(ChatFailure.Kind.QUEUE_FULL);
        assertThatThrownBy(running::join).hasMessageContaining("queue closed");
        assertThat(queue.terminated()).isTrue();
        assertThat(transportClosed[0]).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(queue.threadPrefix()));
        assertThat(failureOf(queue.submit("a", Priority.URGENT, in(Duration.ofSeconds(30)), ask("3"))))
                .isEqualTo(ChatFailure.Kind.QUEUE_FULL);
        assertThat(queue.metrics().inFlight()).isZero();
        queue.close(); // idempotent
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
