package dev.deltasync.wire;

import java.util.List;

/**
 * Asks for the next {@code count} coded symbols of a line sketch: a rateless sketch of the keys of every line of the
 * named files as the server has them (file i's keys carry i). The first request of sketch {@code sketch} names the
 * files and starts at 0; the following ones name none and go on where the previous stopped. The answer is a
 * stream: the files left out (missing, too big, not a plain file, keys colliding), the number of keys, the
 * symbols. Only sent when both sides agreed on {@link Capabilities#LINE_EDITS}.
 */
public record GetLineSketch(int sketch, List<String> paths, long from, int count) implements Message {

    /** Files in one sketch: their index is a key's top byte. */
    public static final int MAX_FILES = 256;
    /** Symbols in one answer (650 KB). */
    public static final int MAX_COUNT = 1 << 16;
    /** Symbols of one sketch in all. */
    public static final long MAX_SYMBOLS = 1 << 20;

    public GetLineSketch {
        paths = List.copyOf(paths);
        if (paths.size() > MAX_FILES || count < 1 || count > MAX_COUNT || from < 0 || from + count > MAX_SYMBOLS
                || (from == 0) == paths.isEmpty()) {
            throw new IllegalArgumentException("line sketch " + sketch + ": " + paths.size() + " files, symbols "
                    + from + " + " + count);
        }
    }
}
