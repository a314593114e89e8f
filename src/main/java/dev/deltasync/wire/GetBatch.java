package dev.deltasync.wire;

import java.util.List;
import java.util.Objects;

/**
 * Asks for several small files at once (each at most {@link PutBatch#MAX_FILE} bytes), answered by one
 * Data stream of their contents back to back, each exactly its announced size (a file that changed or
 * went away meanwhile comes padded or cut, and fails the receiver's hash check alone). Only sent when
 * both sides agreed on {@link Capabilities#BATCH}.
 */
public record GetBatch(List<Wanted> files) implements Message {

    /** Most bytes one batch may ask for (a client sends batches of up to 4 MiB). */
    public static final long MAX_TOTAL = 64L << 20;

    /** A file of the batch and the size the asker's manifest gave it. */
    public record Wanted(String path, long size) {
        public Wanted {
            Objects.requireNonNull(path, "path");
            if (size < 0 || size > PutBatch.MAX_FILE) {
                throw new IllegalArgumentException(path + ": " + size + " bytes is not a batch file size");
            }
        }
    }

    public GetBatch {
        files = List.copyOf(files);
    }
}
