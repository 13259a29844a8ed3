package dev.stratagem.plugins.llm;

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
