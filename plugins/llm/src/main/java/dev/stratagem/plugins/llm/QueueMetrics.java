package dev.stratagem.plugins.llm;

import dev.stratagem.api.MetricsSink;
import java.util.Map;

/**
 * A snapshot of a request queue's counters.
 *
 * @param depth calls waiting now
 * @param inFlight calls running now
 * @param maxDepth the largest depth seen
 * @param submitted calls accepted
 * @param completed calls answered
 * @param failed calls failed for good (not counting expired or rejected)
 * @param expired calls whose deadline passed
 * @param rejected calls refused: queue full or budget spent
 * @param rateLimited HTTP 429 answers received
 * @param retries retries scheduled
 * @param tokens tokens used, as the server reported them
 * @param totalWaitMillis summed time from submit to start of the last attempt
 * @param maxWaitMillis the longest such wait
 * @param totalLatencyMillis summed duration of successful calls
 */
public record QueueMetrics(int depth, int inFlight, int maxDepth, long submitted, long completed, long failed,
        long expired, long rejected, long rateLimited, long retries, long tokens, long totalWaitMillis,
        long maxWaitMillis, long totalLatencyMillis) {

    /**
     * Reports the snapshot as Prometheus series tagged {@code queue=<name>}: gauges
     * {@code stratagem_llm_queue_depth}, {@code _depth_max}, {@code _in_flight}, {@code _wait_seconds_max};
     * counters {@code stratagem_llm_queue_submitted_total},
     * {@code _requests_total{outcome=completed|failed|expired|rejected}}, {@code _http_429_total},
     * {@code _retries_total}, {@code _tokens_total}, {@code _wait_seconds_total} and
     * {@code _latency_seconds_total} (summed over completed calls: divide their rates by the rate of
     * completed requests for the average).
     *
     * @param queue the queue's name
     * @param sink where to report; the queue is shared by strategies, so pass {@link MetricsSink#shared()}
     */
    void reportTo(String queue, MetricsSink sink) {
        Map<String, String> q = Map.of("queue", queue);
        sink.gauge("stratagem_llm_queue_depth", "LLM calls waiting in the queue", q, depth);
        sink.gauge("stratagem_llm_queue_depth_max", "the largest number of LLM calls that waited at once", q, maxDepth);
        sink.gauge("stratagem_llm_queue_in_flight", "LLM calls running now", q, inFlight);
        sink.counter("stratagem_llm_queue_submitted_total", "LLM calls accepted by the queue", q, submitted);
        String requests = "stratagem_llm_queue_requests_total";
        String help = "LLM calls by final outcome (failed excludes expired and rejected)";
        sink.counter(requests, help, Map.of("queue", queue, "outcome", "completed"), completed);
        sink.counter(requests, help, Map.of("queue", queue, "outcome", "failed"), failed);
        sink.counter(requests, help, Map.of("queue", queue, "outcome", "expired"), expired);
        sink.counter(requests, help, Map.of("queue", queue, "outcome", "rejected"), rejected);
        sink.counter("stratagem_llm_queue_http_429_total", "HTTP 429 answers from the endpoint", q, rateLimited);
        sink.counter("stratagem_llm_queue_retries_total", "LLM call retries scheduled", q, retries);
        sink.counter("stratagem_llm_queue_tokens_total", "tokens used, as the endpoint reported them", q, tokens);
        sink.counter("stratagem_llm_queue_wait_seconds_total",
                "summed wait from submit to the start of the last attempt, over completed calls", q, totalWaitMillis / 1000.0);
        sink.gauge("stratagem_llm_queue_wait_seconds_max", "the longest wait of a completed call", q, maxWaitMillis / 1000.0);
        sink.counter("stratagem_llm_queue_latency_seconds_total", "summed duration of completed calls", q,
                totalLatencyMillis / 1000.0);
    }

    /** @return {@code key=value ...}, for logs */
    @Override
    public String toString() {
        return "depth=" + depth + " inFlight=" + inFlight + " maxDepth=" + maxDepth + " submitted=" + submitted
                + " completed=" + completed + " failed=" + failed + " expired=" + expired + " rejected=" + rejected
                + " http429=" + rateLimited + " retries=" + retries + " tokens=" + tokens
                + " avgWaitMs=" + (completed == 0 ? 0 : totalWaitMillis / completed) + " maxWaitMs=" + maxWaitMillis
                + " avgLatencyMs=" + (completed == 0 ? 0 : totalLatencyMillis / completed);
    }
}
