package dev.deltasync.wire;

import java.util.List;

/**
 * Asks for the line edits that turn the client's versions of files into the server's (after a {@link GetLineSketch}
 * of the server's versions): a Data stream follows with the keys of the server's lines the client lacks and then the
 * keys of the client's lines the server lacks (dev.deltasync.lines.LineEditFormat key sets). The answer is a stream:
 * per file in order, {@code u8 0} and its edit, or {@code u8 1} when the server's version is no longer the one named.
 * Only sent when both sides agreed on {@link Capabilities#LINE_EDITS}.
 */
public record GetLineEdits(List<File> files) implements Message {

    /** A file by its index in the sketch, its path and the hash (or 8-byte prefix) of the server's version. */
    public record File(int index, String path, String expectedHash) {
    }

    public GetLineEdits {
        files = List.copyOf(files);
    }
}
