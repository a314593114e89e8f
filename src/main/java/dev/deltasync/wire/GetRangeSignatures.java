package dev.deltasync.wire;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.SumWidth;
import java.util.List;
import java.util.Objects;

/**
 * A refinement round: asks for the signatures of some ranges of a file at one block length, answered
 * as a Data stream in the range-signature format, strong sums seeded with {@code seed}. Only sent when both sides agreed on
 * {@link Capabilities#REFINE}. With a {@code width} ({@link Capabilities#ROUND_SUM_WIDTH}) the answer is the bare
 * sums cut to it, as in a shared round; without one (null), the checked format with whole sums.
 */
public record GetRangeSignatures(String path, String expectedHash, int blockLength, long seed, List<BasisRange> ranges,
                                 SumWidth width) implements Message {

    public GetRangeSignatures(String path, String expectedHash, int blockLength, long seed, List<BasisRange> ranges) {
        this(path, expectedHash, blockLength, seed, ranges, null);
    }

    public GetRangeSignatures {
        Objects.requireNonNull(path, "path");
        expectedHash = expectedHash == null ? "" : expectedHash;
        ranges = List.copyOf(ranges);
    }
}
