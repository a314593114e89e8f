package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks the peer for its manifest; answered by one or more {@link ManifestChunk}s. {@code since} is the
 * version of the last manifest the asker received and kept ("" = none): when the server still knows it
 * (and both agreed on {@link Capabilities#MANIFEST_DIFF}) it answers with only what changed since.
 */
public record ManifestRequest(String since) implements Message {

    public ManifestRequest {
        Objects.requireNonNull(since, "since");
    }

    public ManifestRequest() {
        this("");
    }
}
