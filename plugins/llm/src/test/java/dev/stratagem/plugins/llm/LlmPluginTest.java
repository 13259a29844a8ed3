package dev.stratagem.plugins.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmPluginTest {

    @Test
    void stopping_the_plugin_closes_every_queue_still_in_use_and_ends_its_threads() {
        String url = "http://127.0.0.1:9/llm-plugin-test";
        LlmRequestQueue queue = SharedQueues.acquire(url, "", Duration.ofSeconds(1), QueueConfig.DEFAULTS);

        new LlmPlugin().stop();

        assertThat(queue.terminated()).isTrue();
        assertThat(SharedQueues.users(url)).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(queue.threadPrefix()));
        SharedQueues.release(url, queue); // the composer's own release afterwards is harmless
        assertThat(SharedQueues.users(url)).isZero();
    }
}
