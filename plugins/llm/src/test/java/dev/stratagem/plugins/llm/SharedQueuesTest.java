package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedQueuesTest {

    private static LlmRequestQueue acquire(String url) {
        return SharedQueues.acquire(url, "", Duration.ofSeconds(1), QueueConfig.DEFAULTS);
    }

    @Test
    void users_of_one_endpoint_share_a_queue_that_the_last_release_closes() {
        String url = "http://127.0.0.1:9/shared-queues-test-1";
        LlmRequestQueue first = acquire(url);
        LlmRequestQueue second = acquire(url);
        assertThat(second).isSameAs(first);
        assertThat(SharedQueues.users(url)).isEqualTo(2);

        SharedQueues.release(url, first);
        assertThat(first.terminated()).isFalse();
        assertThat(SharedQueues.metrics()).containsKey(url);

        SharedQueues.release(url, second);
        assertThat(first.terminated()).isTrue();
        assertThat(SharedQueues.metrics()).doesNotContainKey(url);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(first.threadPrefix()));
    }

    @Test
    void a_new_user_after_the_close_gets_a_new_queue_and_a_stale_release_does_not_touch_it() {
        String url = "http://127.0.0.1:9/shared-queues-test-2";
        LlmRequestQueue old = acquire(url);
        SharedQueues.release(url, old);

        LlmRequestQueue fresh = acquire(url);
        SharedQueues.release(url, old); // a second release of the closed queue

        assertThat(fresh).isNotSameAs(old);
        assertThat(SharedQueues.users(url)).isEqualTo(1);
        assertThat(fresh.terminated()).isFalse();
        SharedQueues.release(url, fresh);
        assertThat(fresh.terminated()).isTrue();
    }
}
