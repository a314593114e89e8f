package dev.deltasync.wire;

import dev.deltasync.rsync.BasisRange;
import java.util.List;
import java.util.Objects;

/**
 * A refinement round: asks for the signatures of some ranges of a file at one block length, answered
 * as a Data stream in the range-signature format, strong sums seeded with {@code seed}. Only sent when both sides agreed on
 * {@link Capabilities#REFINE}.
 */
public record GetRangeSignatures(String path, String expectedHash, int blockLength, long seed, List<BasisRange> ranges)
        implements Message {

    public GetRangeSignatures {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
        ranges = List.copyOf(ranges);
    }
}
