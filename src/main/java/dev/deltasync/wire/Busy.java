package dev.deltasync.wire;

import java.util.Objects;

/**
 * Server → client, instead of the handshake: the server has as many connections waiting for authentication as it
 * takes (in all, or from the client's address), asks the client to come back in {@code retryAfterMs} and closes.
 * Sent at accept, before the client's Hello is read, so it needs no capability: a client that does not know the type
 * drops the connection, as the server does anyway.
 */
public record Busy(long retryAfterMs, String reason) implements Message {

    /** The longest wait a server asks for; a client takes no longer one from a peer it has not authenticated. */
    public static final long MAX_RETRY_AFTER_MS = 60_000;

    public Busy {
        Objects.requireNonNull(reason, "reason");
        if (retryAfterMs < 0) {
            throw new IllegalArgumentException("retryAfterMs " + retryAfterMs);
        }
    }
}
