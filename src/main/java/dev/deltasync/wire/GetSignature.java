package dev.deltasync.wire;

import java.util.Objects;

/** Asks for the signature of a file, answered as a Data stream. */
public record GetSignature(String path, String expectedHash) implements Message {

    public GetSignature {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
    }
}
