package dev.deltasync.camel;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.deltasync.wire.Busy;

/**
 * When the handshake guard tells a connection it refused to come back. A door (all connections waiting for
 * authentication, or those from one address) frees a slot every handshake time over its number of slots, so it
 * hands out return times in that rhythm, one per refusal, after the last one it gave: the refused come back at the
 * pace the door lets them in, one after the other, and a bigger crowd is told to wait longer. The handshake time is
 * what the server sees from accept to Auth (a decaying average). Nothing is kept per refusal: one time per door.
 */
final class BusyPacing {

    /** The handshake time assumed before any handshake completed. */
    static final long FIRST_GUESS_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long MIN_DELAY_MS = 50;
    static final long MAX_DELAY_MS = Busy.MAX_RETRY_AFTER_MS;
    private static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MS);

    private final LongSupplier nanoTime;
    private final AtomicLong handshakeNanos = new AtomicLong(-1);

    BusyPacing(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /** A connection authenticated {@code nanos} after it was accepted. */
    void handshakeTook(long nanos) {
        long sample = Math.max(0, nanos);
        handshakeNanos.accumulateAndGet(sample, (held, seen) -> held < 0 ? seen : held + (seen - held) / 8);
    }

    /** The current handshake time, in nanoseconds. */
    long handshakeNanos() {
        long held = handshakeNanos.get();
        return held < 0 ? FIRST_GUESS_NANOS : held;
    }

    /**
     * The return time for one more refusal at a door of {@code slots} whose last return time given is
     * {@code horizon} (any time in the past when none is pending): the next slot after it, or, past the longest
     * wait, a time spread over its second half (the horizon then stays where it was).
     */
    long nextSlot(long horizon, int slots) {
        long now = now();
        long slot = Math.max(now, horizon) + Math.max(1, handshakeNanos() / Math.max(1, slots));
        if (slot - now > MAX_NANOS) {
            return now + MAX_NANOS / 2 + ThreadLocalRandom.current().nextLong(MAX_NANOS / 2);
        }
        return slot;
    }

    /** The horizon after giving out {@code slot}: it, unless that was spread past the longest wait. */
    static long horizonAfter(long horizon, long slot) {
        return slot - horizon > 0 ? slot : horizon;
    }

    /** The delay to announce for a return at {@code slot}. */
    long delayMs(long slot) {
        return Math.max(MIN_DELAY_MS, Math.min(MAX_DELAY_MS, TimeUnit.NANOSECONDS.toMillis(slot - now())));
    }
}
