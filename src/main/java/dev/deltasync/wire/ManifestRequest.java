package dev.deltasync.wire;

/** Asks the peer for its manifest; answered by one or more {@link ManifestChunk}s. */
public record ManifestRequest() implements Message {
}
