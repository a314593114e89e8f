package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks the peer for its manifest; answered by one or more {@link ManifestChunk}s. {@code since} is the
 * version of the last manifest the asker received and kept ("" = none): when the server still knows it
 * (and both agreed on {@link Capabilities#MANIFEST_DIFF}) it answers with only what changed since. With
 * {@code withKeys} (first contact, {@link Capabilities#MANIFEST_KEYS}) a Data stream of the asker's entry keys
 * ({@code keyBytes} each, see {@code EntryKey}) follows, and the answer leaves out the entries the asker already has.
 */
public record ManifestRequest(String since, boolean withKeys, int keyBytes) implements Message {

    public ManifestRequest {
        Objects.requireNonNull(since, "since");
        if (keyBytes < 1 || keyBytes > 8) {
            throw new IllegalArgumentException("keys have 1..8 bytes, not " + keyBytes);
        }
    }

    /** With 8-byte keys (shorter ones need {@link Capabilities#SHORT_KEYS}). */
    public ManifestRequest(String since, boolean withKeys) {
        this(since, withKeys, 8);
    }

    public ManifestRequest(String since) {
        this(since, false);
    }

    public ManifestRequest() {
        this("", false);
    }
}
