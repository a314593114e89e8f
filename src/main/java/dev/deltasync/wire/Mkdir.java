package dev.deltasync.wire;

import java.util.Objects;

/** Create a directory (and its missing parents). */
public record Mkdir(String path) implements Message {

    public Mkdir {
        Objects.requireNonNull(path, "path");
    }
}
