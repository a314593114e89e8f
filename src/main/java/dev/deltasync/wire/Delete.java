package dev.deltasync.wire;

import java.util.Objects;

/** Delete a path if it still has {@code expectedHash}; {@code toTrash} keeps a copy in the trash first. */
public record Delete(String path, String expectedHash, boolean toTrash) implements Message {

    public Delete {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
    }
}
