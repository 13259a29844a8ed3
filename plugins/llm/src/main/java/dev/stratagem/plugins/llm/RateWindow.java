package dev.stratagem.plugins.llm;

import java.util.ArrayDeque;

/**
 * Requests and tokens per sliding window (a minute in production). Times are nanoseconds of whatever clock
 * the caller uses, so tests drive it with a fake clock. Not thread-safe: the queue calls it under its lock.
 */
final class RateWindow {

    private final long windowNanos;
    private final int maxRequests;
    private final long maxTokens;
    private final ArrayDeque<long[]> events = new ArrayDeque<>(); // {time, tokens}
    private long tokensInWindow;

    /**
     * @param windowNanos the window length
     * @param maxRequests requests allowed per window, {@code Integer.MAX_VALUE} for no limit
     * @param maxTokens tokens allowed per window, {@code Long.MAX_VALUE} for no limit
     */
    RateWindow(long windowNanos, int maxRequests, long maxTokens) {
        if (windowNanos <= 0 || maxRequests <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("rate window, requests and tokens must be positive");
        }
        this.windowNanos = windowNanos;
        this.maxRequests = maxRequests;
        this.maxTokens = maxTokens;
    }

    /**
     * @param now the current time
     * @param tokens the tokens the next request is estimated to use
     * @return how long to wait before it may start, {@code 0} if now
     */
    long waitNanos(long now, int tokens) {
        evict(now);
        long wait = 0;
        if (events.size() >= maxRequests) {
            int skip = events.size() - maxRequests;
            wait = expiry(skip) - now;
        }
        // A request larger than the whole budget waits for an empty window rather than forever.
        long allowed = Math.max(0, maxTokens - Math.min(tokens, maxTokens));
        if (tokensInWindow > allowed) {
            long freed = 0;
            for (long[] e : events) {
                freed += e[1];
                if (tokensInWindow - freed <= allowed) {
                    wait = Math.max(wait, e[0] + windowNanos - now);
                    break;
                }
            }
        }
        return Math.max(0, wait);
    }

    /** Counts a request (its estimated tokens) at {@code now}. */
    void record(long now, int tokens) {
        evict(now);
        events.addLast(new long[] {now, tokens});
        tokensInWindow += tokens;
    }

    /** Corrects the token count once the real usage is known ({@code delta} may be negative). */
    void adjust(long now, int delta) {
        if (delta == 0) {
            return;
        }
        evict(now);
        long[] last = events.peekLast();
        if (last != null) {
            long applied = Math.max(-last[1], delta);
            last[1] += applied;
            tokensInWindow += applied;
        }
    }

    int requestsInWindow(long now) {
        evict(now);
        return events.size();
    }

    long tokensInWindow(long now) {
        evict(now);
        return tokensInWindow;
    }

    private long expiry(int index) {
        int i = 0;
        for (long[] e : events) {
            if (i++ == index) {
                return e[0] + windowNanos;
            }
        }
        throw new IllegalStateException();
    }

    private void evict(long now) {
        while (!events.isEmpty() && events.peekFirst()[0] + windowNanos <= now) {
            tokensInWindow -= events.removeFirst()[1];
        }
    }
}
