package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import java.util.Objects;

/**
 * Create a directory (and its missing parents) with the permission bits {@code mode}, or the receiver's default
 * when the mode is {@link FileEntry#UNKNOWN_MODE}.
 */
public record Mkdir(String path, int mode) implements Message {

    public Mkdir {
        Objects.requireNonNull(path, "path");
        if (mode != FileEntry.UNKNOWN_MODE && (mode & ~FileEntry.PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + path
                    + " has bits beyond rwxrwxrwx");
        }
    }

    /** A directory of the receiver's default mode. */
    public Mkdir(String path) {
        this(path, FileEntry.UNKNOWN_MODE);
    }
}
