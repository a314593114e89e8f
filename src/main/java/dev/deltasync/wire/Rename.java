package dev.deltasync.wire;

import java.util.Objects;

/** Rename {@code from} to {@code to} if {@code from} still has {@code expectedHash}. */
public record Rename(String from, String to, String expectedHash) implements Message {

    public Rename {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        expectedHash = expectedHash == null ? "" : expectedHash;
    }
}
