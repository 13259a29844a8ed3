package dev.stratagem.plugins.llm;

import java.time.Duration;

/**
 * The limits of one shared request queue (one per endpoint base URL).
 *
 * @param maxConcurrency calls in flight at once
 * @param maxQueueSize calls waiting at once; a new call beyond it fails, unless it outranks a waiting one
 * @param requestsPerWindow requests started per window
 * @param tokensPerWindow tokens used per window
 * @param window the rate window: a minute in production
 * @param maxAttempts tries per call, retries of 429 / 5xx / timeouts included
 * @param backoffBase the first retry's backoff ceiling
 * @param backoffCap the largest backoff
 */
record QueueConfig(int maxConcurrency, int maxQueueSize, int requestsPerWindow, long tokensPerWindow,
        Duration window, int maxAttempts, Duration backoffBase, Duration backoffCap) {

    static final QueueConfig DEFAULTS = new QueueConfig(4, 1000, 60, 200_000, Duration.ofMinutes(1), 4,
            Duration.ofMillis(500), Duration.ofSeconds(30));

    QueueConfig {
        if (maxConcurrency < 1 || maxQueueSize < 1 || requestsPerWindow < 1 || tokensPerWindow < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("queue limits must be positive: " + maxConcurrency + ", " + maxQueueSize
                    + ", " + requestsPerWindow + ", " + tokensPerWindow + ", " + maxAttempts);
        }
    }
}
