package dev.deltasync.rsync;

/**
 * How many bytes of the strong hash a signature keeps per block.
 *
 * <p>The delta encoder looks at every byte position P of the new file and, for each, compares the
 * 32-bit weak sum with B blocks; a false weak hit happens with probability about 2^-32 per
 * (position, block) pair, and only then does a strong sum of s bytes decide. So the expected number of
 * false block matches in one file is about
 * <pre>  E(s) = P * B * 2^-32 * 2^-(8*s)</pre>
 * We keep the smallest s with E(s) &lt; 2^-40, i.e. {@code 8*s > 40 + log2(P*B) - 32}, clamped to [2, 16]
 * bytes (16 = all of XXH3-128). P is taken as the basis length, as rsync does, because the new file's
 * length is not known when the signature is made. A false match that slips through anyway is caught
 * by the whole-file SHA-256 the patcher checks, so it can cost a retry, never a wrong file.
 */
public final class StrongLength {

    public static final int MIN = 2;
    public static final int MAX = 16;
    private static final int TARGET_BITS = 40;
    private static final int WEAK_BITS = 32;

    private StrongLength() {
    }

    public static int forBasis(long basisLength, int blockLength) {
        long blocks = blockCount(basisLength, blockLength);
        if (basisLength == 0 || blocks == 0) {
            return MIN;
        }
        return forPairs((double) basisLength * blocks);
    }

    /**
     * For a search that compares {@code pairs} (position, block) pairs in all, e.g. a refinement round
     * where each stretch of the new file is only compared with the blocks of its own basis range.
     */
    public static int forPairs(double pairs) {
        return forPairs(pairs, TARGET_BITS);
    }

    /** @param targetBits expected false matches below 2^-targetBits */
    public static int forPairs(double pairs, int targetBits) {
        return forPairs(pairs, targetBits, MIN);
    }

    /** @param minBytes the fewest strong bytes to keep (refinement rounds go down to 1) */
    public static int forPairs(double pairs, int targetBits, int minBytes) {
        if (pairs < 1) {
            return minBytes;
        }
        double bitsNeeded = targetBits + log2(pairs) - WEAK_BITS;
        int bytes = (int) Math.floor(bitsNeeded / 8) + 1;
        return Math.max(minBytes, Math.min(MAX, bytes));
    }

    static long blockCount(long length, int blockLength) {
        return (length + blockLength - 1) / blockLength;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
