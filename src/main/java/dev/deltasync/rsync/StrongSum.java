package dev.deltasync.rsync;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;

/**
 * The per-block strong hash: XXH3-128, truncated to the signature's strong length.
 * XXH3 runs at about 14 GB/s here (SHA-256 at 1.8 GB/s), passes SMHasher, and is only asked to tell
 * blocks apart, not to resist an attacker (the whole-file SHA-256 does that job), so a cryptographic
 * hash per block would only cost time.
 */
final class StrongSum {

    /** The unseeded hash of signature files. */
    static final StrongSum UNSEEDED = new StrongSum(Hashing.xxh3_128());

    private final Hasher128 xxh3;

    private StrongSum(Hasher128 xxh3) {
        this.xxh3 = xxh3;
    }

    /**
     * Refinement rounds use a fresh seed each time, so a false block match (possible with their short
     * sums) does not repeat when the file is sent again.
     */
    static StrongSum seeded(long seed) {
        return seed == 0 ? UNSEEDED : new StrongSum(Hashing.xxh3_128(seed));
    }

    /** Writes the first {@code strongLength} bytes of the block's XXH3-128 (low half first, little-endian). */
    static void compute(byte[] data, int offset, int length, byte[] dest, int destOffset, int strongLength) {
        UNSEEDED.hash(data, offset, length, dest, destOffset, strongLength);
    }

    void hash(byte[] data, int offset, int length, byte[] dest, int destOffset, int strongLength) {
        HashValue128 hash = xxh3.hashBytesTo128Bits(data, offset, length);
        long low = hash.getLeastSignificantBits();
        long high = hash.getMostSignificantBits();
        for (int i = 0; i < strongLength; i++) {
            long word = i < 8 ? low : high;
            dest[destOffset + i] = (byte) (word >>> ((i & 7) * 8));
        }
    }
}
