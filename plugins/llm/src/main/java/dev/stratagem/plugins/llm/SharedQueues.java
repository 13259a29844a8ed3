package dev.stratagem.plugins.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues shared by every LLM composer in one runtime: one per endpoint base URL, held statically. A
 * static field is per class loader, and PF4J gives the plugin one class loader, so all strategies that use
 * this plugin share it; a hot reload of the plugin starts fresh queues in the new class loader. The first
 * composer to name an endpoint sets its limits; later ones share them (their limit parameters are ignored).
 *
 * <p>Users are counted: each {@link #acquire} is matched by one {@link #release}, and the last release closes
 * the queue. The runtime closes a composer a hot-reload swap replaced and one it built only for a validation,
 * but not the composer of a strategy the operator stopped: that one keeps its use (an idle queue, its threads
 * parked) until the runtime shuts down or the plugin is reloaded. {@link #closeAll} closes whatever is left
 * when the plugin stops ({@link LlmPlugin}), before PF4J closes the class loader, so no queue thread outlives
 * the plugin's class loader.
 */
final class SharedQueues {

    private static final class Shared {
        final LlmRequestQueue queue;
        int users;

        Shared(LlmRequestQueue queue) {
            this.queue = queue;
        }
    }

    private static final Map<String, Shared> QUEUES = new HashMap<>();

    private SharedQueues() {}

    /**
     * @return the endpoint's queue, opened by the first user; release it once with {@link #release}
     */
    static LlmRequestQueue acquire(String baseUrl, String apiKey, Duration timeout, QueueConfig config) {
        synchronized (QUEUES) {
            Shared s = QUEUES.computeIfAbsent(baseUrl,
                    url -> new Shared(new LlmRequestQueue(config, new ChatClient(url, apiKey, timeout))));
            s.users++;
            return s.queue;
        }
    }

    /**
     * Gives back one use of the queue; the last closes it (outside the lock: closing waits for its threads).
     * A queue already closed by {@link #closeAll} is ignored.
     */
    static void release(String baseUrl, LlmRequestQueue queue) {
        LlmRequestQueue closing = null;
        synchronized (QUEUES) {
            Shared s = QUEUES.get(baseUrl);
            if (s != null && s.queue == queue && --s.users == 0) {
                QUEUES.remove(baseUrl);
                closing = queue;
            }
        }
        if (closing != null) {
            closing.close();
        }
    }

    /** Closes every queue, in use or not: the plugin is stopping. */
    static void closeAll() {
        List<LlmRequestQueue> closing = new ArrayList<>();
        synchronized (QUEUES) {
            QUEUES.values().forEach(s -> closing.add(s.queue));
            QUEUES.clear();
        }
        closing.forEach(LlmRequestQueue::close);
    }

    /** @return the metrics of every open shared queue, by base URL */
    static Map<String, QueueMetrics> metrics() {
        Map<String, QueueMetrics> out = new HashMap<>();
        synchronized (QUEUES) {
            QUEUES.forEach((url, s) -> out.put(url, s.queue.metrics()));
        }
        return out;
    }

    /** @return how many composers hold the endpoint's queue; 0 if it is not open */
    static int users(String baseUrl) {
        synchronized (QUEUES) {
            Shared s = QUEUES.get(baseUrl);
            return s == null ? 0 : s.users;
        }
    }
}
