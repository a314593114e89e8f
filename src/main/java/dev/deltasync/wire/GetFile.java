package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks for a file's content as a delta stream: against the signature that follows as Data frames when
 * {@code withSignature}, else against nothing (all literal). {@code expectedHash} "" means any version.
 */
public record GetFile(String path, String expectedHash, boolean withSignature) implements Message {

    public GetFile {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
    }
}
