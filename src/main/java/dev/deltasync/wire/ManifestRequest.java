package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks the peer for its manifest; answered by one or more {@link ManifestChunk}s. {@code since} is the
 * version of the last manifest the asker received and kept ("" = none): when the server still knows it
 * (and both agreed on {@link Capabilities#MANIFEST_DIFF}) it answers with only what changed since. With
 * {@code withKeys} (first contact, {@link Capabilities#MANIFEST_KEYS}) a Data stream of the asker's entry keys
 * (8 bytes each, see {@code EntryKey}) follows, and the answer leaves out the entries the asker already has.
 */
public record ManifestRequest(String since, boolean withKeys) implements Message {

    public ManifestRequest {
        Objects.requireNonNull(since, "since");
    }

    public ManifestRequest(String since) {
        this(since, false);
    }

    public ManifestRequest() {
        this("", false);
    }
}
