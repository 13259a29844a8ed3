package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 10 strategies x 100 decisions through one rate-limited queue and a fake server that answers some calls 429. */
class LlmRequestQueueLoadTest {

    private static final int STRATEGIES = 10;
    private static final int DECISIONS = 100;

    @Test
    void ten_strategies_by_a_hundred_decisions_keep_order_and_limits_and_lose_nothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // Every 20th call is refused with 429: a storm the queue must ride out without losing a decision.
        try (var server = new FakeOpenAiServer(r -> calls.incrementAndGet() % 20 == 0
                ? new FakeOpenAiServer.Status(429, "{}", "0.02")
                : FakeOpenAiServer.answer("echo " + r.lastUser()))) {
            List<Long> starts = new CopyOnWriteArrayList<>();
            ChatClient client = new ChatClient(server.baseUrl(), "", Duration.ofSeconds(5));
            Duration window = Duration.ofMillis(100);
            int perWindow = 100;
            int concurrency = 8;
            QueueConfig config = new QueueConfig(concurrency, 50, perWindow, Long.MAX_VALUE, window, 5,
                    Duration.ofMillis(10), Duration.ofMillis(50));
            Map<String, List<String>> answers = new ConcurrentHashMap<>();
            try (var queue = new LlmRequestQueue(config, r -> {
                starts.add(System.nanoTime());
                return client.complete(r);
            }); ExecutorService strategies = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < STRATEGIES; s++) {
                    String id = "s" + s;
                    Priority priority = s % 2 == 0 ? Priority.URGENT : Priority.NORMAL;
                    done.add(strategies.submit(() -> {
                        List<String> mine = new ArrayList<>();
                        for (int d = 0; d < DECISIONS; d++) {
                            // Like a composer: one decision at a time, blocking until the answer.
                            ChatRequest r = new ChatRequest("m", List.of(new ChatRequest.ChatMessage("user", id + "-" + d)),
                                    0, true, 0, false);
                            mine.add(queue.submit(id, priority, System.nanoTime() + Duration.ofSeconds(20).toNanos(), r)
                                    .get(30, TimeUnit.SECONDS).content());
                        }
                        answers.put(id, mine);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                QueueMetrics m = queue.metrics();

                for (int s = 0; s < STRATEGIES; s++) {
                    List<String> expected = new ArrayList<>();
                    for (int d = 0; d < DECISIONS; d++) {
                        expected.add("echo s" + s + "-" + d);
                    }
                    assertThat(answers.get("s" + s)).containsExactlyElementsOf(expected);
                }
                assertThat(m.completed()).isEqualTo(STRATEGIES * DECISIONS);
                assertThat(m.failed() + m.expired() + m.rejected()).isZero();
                assertThat(m.rateLimited()).isEqualTo(m.retries()).isPositive();
                assertThat(m.depth()).isZero();
                assertThat(m.tokens()).isEqualTo(15L * STRATEGIES * DECISIONS);
                assertThat(server.maxConcurrent()).isLessThanOrEqualTo(concurrency);
                List<Long> sorted = starts.stream().sorted().toList();
                assertThat(sorted).hasSize((int) (m.completed() + m.rateLimited()));
                for (int i = 0; i + perWindow < sorted.size(); i++) {
                    assertThat(sorted.get(i + perWindow) - sorted.get(i)).isGreaterThan(window.toNanos() - 20_000_000L);
                }
            }
        }
    }
}
