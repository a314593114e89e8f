package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.Objects;

/**
 * Announces a delta stream (Data frames with the same requestId follow, then End) that turns a basis into
 * {@code target}. The basis is the receiver's file at {@code basisPath}, or at the target's own path when
 * {@code basisPath} is "" (then its hash is {@code basisHash}, "" = no basis). A basis elsewhere (a similar
 * file) requires the target to be absent. When {@code resumed} ({@link Capabilities#RESUME}), the basis is what the
 * server kept of this client's cut upload of the target ({@link GetPartial}) and {@code basisHash} still names the
 * server's current version of the target, which the upload replaces.
 */
public record PutFile(FileEntry target, String basisHash, String basisPath, boolean resumed) implements Message {

    public PutFile {
        Objects.requireNonNull(target, "target");
        basisHash = basisHash == null ? "" : basisHash;
        basisPath = basisPath == null ? "" : basisPath;
        if (resumed && !basisPath.isEmpty()) {
            throw new IllegalArgumentException("a resumed upload has no basis elsewhere");
        }
    }

    public PutFile(FileEntry target, String basisHash, String basisPath) {
        this(target, basisHash, basisPath, false);
    }

    public PutFile(FileEntry target, String basisHash) {
        this(target, basisHash, "");
    }
}
