package dev.deltasync.wire;

import dev.deltasync.rsync.BasisRange;
import java.util.List;
import java.util.Objects;

/**
 * Asks for byte ranges of a file (which must still have {@code expectedHash}), answered as one Data
 * stream of the ranges back to back: the literal part of a receiver-driven refinement. Only sent when
 * both sides agreed on {@link Capabilities#REFINE}.
 */
public record GetRanges(String path, String expectedHash, List<BasisRange> ranges) implements Message {

    public GetRanges {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
        ranges = List.copyOf(ranges);
    }
}
