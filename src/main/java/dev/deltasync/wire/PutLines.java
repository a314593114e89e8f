package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import java.util.List;

/**
 * Files sent as line edits against the server's versions (after a {@link GetLineSketch}): one Data stream follows
 * with their edits in this order (dev.deltasync.lines.LineEditFormat). Each file names its index in the sketch,
 * the version it becomes (hash by its first 8 bytes) and the server's version it edits (likewise). The answer is a
 * {@link PutBatchResult}: a file whose edit does not apply or gives another hash is listed, the others installed.
 */
public record PutLines(List<File> files) implements Message {

    /** The largest file sent by lines. */
    public static final long MAX_FILE = 1 << 20;

    public record File(int index, FileEntry target, String basisHash) {
    }

    public PutLines {
        files = List.copyOf(files);
    }
}
