package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks for a file's content as a delta stream: against the signature that follows as Data frames when
 * {@code withSignature}, else against nothing (all literal). {@code expectedHash} "" means any version.
 * With {@link Capabilities#CACHED_BASIS} and no signature, {@code basisHash} names the version the asker holds: the
 * answer's stream then starts with {@code u8 1} and a delta against the server's own cached signature of that
 * version, or is the single byte {@code 0} when the server keeps none (the asker then refines as usual).
 */
public record GetFile(String path, String expectedHash, boolean withSignature, String basisHash) implements Message {

    public GetFile {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
        basisHash = basisHash == null ? "" : basisHash;
    }

    public GetFile(String path, String expectedHash, boolean withSignature) {
        this(path, expectedHash, withSignature, "");
    }

    /** Whether this asks for a delta against the server's cached signature of the asker's version. */
    public boolean againstCachedBasis() {
        return !withSignature && !basisHash.isEmpty();
    }
}
