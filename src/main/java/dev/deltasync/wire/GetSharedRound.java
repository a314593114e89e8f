package dev.deltasync.wire;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.SumWidth;
import java.util.List;
import java.util.Objects;

/**
 * One refinement round of several small files at once: the rounds of many files that are refined side by
 * side travel as one request and one answer instead of a request, a signature stream and an End each. The
 * answer is a Data stream holding, per part in order, a status byte ({@link #PART_OK} then the part's range
 * signatures, or {@link #PART_FAILED} then an error code and text), so one file that changed fails alone.
 * All parts use {@code seed}. Only sent when both sides agreed on {@link Capabilities#SHARED_ROUNDS}.
 */
public record GetSharedRound(long seed, List<Part> parts) implements Message {

    /** At most this many files per round: bounds the server's work and buffer per request. */
    public static final int MAX_PARTS = 256;
    /** A part's answer is built in memory, so a part may ask for at most this many signature bytes. */
    public static final int MAX_PART_REPLY = 1 << 20;
    public static final int PART_OK = 0;
    public static final int PART_FAILED = 1;

    /**
     * One file's round: the signatures of {@code ranges} of {@code path} in blocks of {@code blockLength}, their
     * sums cut to {@code width} (null: whole sums; only with {@link Capabilities#ROUND_SUM_WIDTH}).
     */
    public record Part(String path, String expectedHash, int blockLength, List<BasisRange> ranges, SumWidth width) {
        public Part(String path, String expectedHash, int blockLength, List<BasisRange> ranges) {
            this(path, expectedHash, blockLength, ranges, null);
        }

        public Part {
            Objects.requireNonNull(path, "path");
            expectedHash = expectedHash == null ? "" : expectedHash;
            ranges = List.copyOf(ranges);
        }
    }

    public GetSharedRound {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a shared round has 1.." + MAX_PARTS + " parts, not " + parts.size());
        }
    }
}
