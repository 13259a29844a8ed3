package dev.stratagem.plugins.llm;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} (from 1) waits between half and all of
 * {@code min(cap, base * 2^(n-1))}, so retries of many strategies spread out instead of hitting the server
 * together.
 */
final class Backoff {

    private final long baseNanos;
    private final long capNanos;
    private final RandomGenerator random;

    Backoff(long baseNanos, long capNanos, RandomGenerator random) {
        if (baseNanos <= 0 || capNanos < baseNanos) {
            throw new IllegalArgumentException("backoff base must be positive and not above the cap");
        }
        this.baseNanos = baseNanos;
        this.capNanos = capNanos;
        this.random = random;
    }

    /** @return the wait before retry number {@code attempt} (1 for the first retry) */
    long delayNanos(int attempt) {
        long ceiling = baseNanos;
        for (int i = 1; i < attempt && ceiling < capNanos; i++) {
            ceiling = Math.min(capNanos, ceiling * 2);
        }
        long half = ceiling / 2;
        synchronized (random) {
            return half + (long) (random.nextDouble() * (ceiling - half));
        }
    }
}
