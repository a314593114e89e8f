package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.Objects;

/**
 * Announces a delta stream (Data frames with the same requestId follow, then End) that turns the receiver's
 * basis with hash {@code basisHash} ("" = no basis) into {@code target}.
 */
public record PutFile(FileEntry target, String basisHash) implements Message {

    public PutFile {
        Objects.requireNonNull(target, "target");
        basisHash = basisHash == null ? "" : basisHash;
    }
}
