package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks the peer for its manifest; answered by one or more {@link ManifestChunk}s. {@code since} is the
 * version of the last manifest the asker received and kept ("" = none): when the server still knows it
 * (and both agreed on {@link Capabilities#MANIFEST_DIFF}) it answers with only what changed since. With
 * {@code withKeys} (first contact, {@link Capabilities#MANIFEST_KEYS}) a Data stream of the asker's entry keys
 * ({@code keyBytes} each, see {@code EntryKey}) follows, and the answer leaves out the entries the asker already has.
 * With a {@link Sketch} the stream holds coded symbols of the asker's keys instead ({@code KeySketch}), and the
 * server may answer {@link MoreSymbols} rather than a manifest. With {@code settled}
 * ({@link Capabilities#SETTLED_MANIFEST}, the first manifest of a client's run) the server answers once what its
 * watcher still held when the request came is in its scan, so a write made just before is not missed.
 */
public record ManifestRequest(String since, boolean withKeys, int keyBytes, Sketch sketch, boolean settled)
        implements Message {

    /**
     * The stream holds the asker's key sketch symbols from index {@code from} on (0 starts a new sketch, any other
     * value continues the one the server asked more of); {@code entries} is how many keys the asker has. The
     * answer's "same" bits then follow the asker's keys in ascending order.
     */
    public record Sketch(long from, int entries) {
        public Sketch {
            if (from < 0 || entries < 0) {
                throw new IllegalArgumentException("a sketch from symbol " + from + " of " + entries + " keys");
            }
        }
    }

    public ManifestRequest {
        Objects.requireNonNull(since, "since");
        if (keyBytes < 1 || keyBytes > 8) {
            throw new IllegalArgumentException("keys have 1..8 bytes, not " + keyBytes);
        }
        if (sketch != null && !withKeys) {
            throw new IllegalArgumentException("a key sketch is a way of sending keys");
        }
    }

    public ManifestRequest(String since, boolean withKeys, int keyBytes, Sketch sketch) {
        this(since, withKeys, keyBytes, sketch, false);
    }

    /** This request, asking for an answer that takes in the changes the server's watcher holds now. */
    public ManifestRequest settledFirst() {
        return new ManifestRequest(since, withKeys, keyBytes, sketch, true);
    }

    public ManifestRequest(String since, boolean withKeys, int keyBytes) {
        this(since, withKeys, keyBytes, null);
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
