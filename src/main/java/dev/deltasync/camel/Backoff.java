package dev.deltasync.camel;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays with full jitter, so many clients do not reconnect in lockstep. */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private volatile int attempts;

    Backoff(long minMs, long maxMs) {
        this.minMs = Math.max(1, minMs);
        this.maxMs = Math.max(this.minMs, maxMs);
    }

    long nextDelayMs() {
        return nextDelayMs(maxMs);
    }

    /** As {@link #nextDelayMs()}, with the delay at most {@code capMs} (never below the first delay). */
    long nextDelayMs(long capMs) {
        long ceiling = Math.max(minMs, Math.min(Math.min(maxMs, capMs), minMs << Math.min(attempts, 20)));
        attempts++;
        return minMs + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - minMs + 1));
    }

    /** Failures counted since the last reset. */
    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
