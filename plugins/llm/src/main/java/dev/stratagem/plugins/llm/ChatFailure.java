package dev.stratagem.plugins.llm;

import java.time.Duration;

/**
 * A chat call that did not produce an answer. The kind tells the queue whether to retry.
 */
final class ChatFailure extends RuntimeException {

    /** Why the call failed. */
    enum Kind {
        /** HTTP 429: retried after {@code Retry-After}, or with backoff. */
        RATE_LIMITED(true),
        /** HTTP 5xx: retried with backoff. */
        SERVER(true),
        /** The call took longer than the client timeout: retried with backoff. */
        TIMEOUT(true),
        /** The connection failed: retried with backoff. */
        NETWORK(true),
        /** HTTP 4xx other than 429 (bad key, unknown model): not retried. */
        CLIENT(false),
        /** A 2xx whose body is not a chat completion: not retried. */
        MALFORMED(false),
        /** The request's deadline passed before an answer: the decision would be stale. */
        DEADLINE(false),
        /** The strategy's token or cost budget is spent. */
        BUDGET(false),
        /** The queue is full. */
        QUEUE_FULL(false);

        final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final String detail;

    ChatFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    ChatFailure(Kind kind, String message, Duration retryAfter) {
        super(kind + ": " + message, null, false, false);
        this.kind = kind;
        this.detail = message;
        this.retryAfter = retryAfter;
    }

    /** @return the message without the kind, as the journal records it */
    String detail() {
        return detail;
    }

    Kind kind() {
        return kind;
    }

    /** @return the server's {@code Retry-After}, or {@code null} */
    Duration retryAfter() {
        return retryAfter;
    }
}
