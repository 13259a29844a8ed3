package dev.stratagem.plugins.llm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The queues shared by every LLM composer in one runtime: one per endpoint base URL, held statically. A
 * static field is per class loader, and PF4J gives the plugin one class loader, so all strategies that use
 * this plugin share it; a hot reload of the plugin starts fresh queues in the new class loader. The first
 * composer to name an endpoint sets its limits; later ones share them (their limit parameters are ignored).
 */
final class SharedQueues {

    private static final Map<String, LlmRequestQueue> QUEUES = new HashMap<>();

    private SharedQueues() {}

    static synchronized LlmRequestQueue forEndpoint(String baseUrl, String apiKey, Duration timeout, QueueConfig config) {
        return QUEUES.computeIfAbsent(baseUrl,
                url -> new LlmRequestQueue(config, new ChatClient(url, apiKey, timeout)::complete));
    }

    /** @return the metrics of every shared queue, by base URL */
    static synchronized Map<String, QueueMetrics> metrics() {
        Map<String, QueueMetrics> out = new HashMap<>();
        QUEUES.forEach((url, q) -> out.put(url, q.metrics()));
        return out;
    }
}
