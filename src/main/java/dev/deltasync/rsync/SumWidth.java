package dev.deltasync.rsync;

/**
 * How many bits of each block's sums a refinement round sends: the top {@code weakBits} of the weak sum,
 * then the first {@code strongBits} of the seeded strong sum, packed bit after bit.
 *
 * <p>The requester sizes it for the search it is about to run: comparing P (position, block) pairs, it needs
 * about log2(P) bits before a false match becomes rare, plus {@value #TARGET_BITS} for a 2^-16 chance per
 * round. A small file's round compares a few thousand pairs and needs ~28 bits, where the fixed layout (a
 * 32-bit weak sum and at least one strong byte) sends 40.
 *
 * <p>Why truncating is safe: the weak sum is an unseeded polynomial, and the new stretch of a round is usually
 * an edited copy of the basis, so windows that differ in a byte or two are everywhere. A fixed function's top
 * bits could collide on such a pair every time. So a truncated weak sum is first multiplied by an odd number
 * drawn from the round's seed (multiply-shift hashing: for two different sums the top w bits then agree with
 * probability at most 2^(1-w)), and each round's sums are independent of the last. What slips through anyway
 * is caught by the whole-file SHA-256, and the file is sent again with a new seed.
 *
 * @param weakBits   1..32 top bits of the (multiplied) weak sum
 * @param strongBits 0..128 leading bits of the strong sum
 * @param seeded     whether the weak sum is multiplied by the seed's odd number (whenever it is cut)
 */
public record SumWidth(int weakBits, int strongBits, boolean seeded) {

    /** Expected false matches per round below 2^-TARGET_BITS. */
    static final int TARGET_BITS = 16;
    /** The fewest bits a sized round sends per block, and the most. */
    public static final int MIN_BITS = 24;
    public static final int MAX_BITS = 32 + 8 * StrongLength.MAX;
    /** Seeded strong bits every sized round keeps, so that a retry with a new seed is a new chance. */
    private static final int MIN_STRONG_BITS = 8;

    public SumWidth {
        if (weakBits < 1 || weakBits > 32 || strongBits < 0 || strongBits > 8 * StrongLength.MAX) {
            throw new IllegalArgumentException("impossible sum width " + weakBits + "+" + strongBits);
        }
    }

    /** The fixed layout: the whole weak sum and {@code strongBytes} whole bytes of the strong sum. */
    public static SumWidth fixed(int strongBytes) {
        return new SumWidth(32, 8 * strongBytes, false);
    }

    /** The width for a search comparing {@code pairs} (position, block) pairs. */
    public static SumWidth forPairs(double pairs) {
        int needed = (int) Math.ceil(Math.log(Math.max(pairs, 1)) / Math.log(2)) + TARGET_BITS;
        return ofBits(Math.max(MIN_BITS, Math.min(MAX_BITS, needed)));
    }

    /** The width a request names by its total: the strong sum gets what the weak sum cannot hold, at least 8 bits. */
    public static SumWidth ofBits(int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("a round's sums have " + MIN_BITS + ".." + MAX_BITS + " bits per block, not "
                    + bits);
        }
        int strong = Math.max(MIN_STRONG_BITS, bits - 32);
        // a whole weak sum needs no seeding (no top bits are kept from it) and keeps the scanner's fast loop
        return new SumWidth(bits - strong, strong, bits - strong < 32);
    }

    public int bits() {
        return weakBits + strongBits;
    }

    /** Whole bytes of the strong sum to compute (the last one masked). */
    int strongBytes() {
        return (strongBits + 7) / 8;
    }

    /** Keeps the top {@code weakBits} bits of an int. */
    int weakMask() {
        return weakBits == 32 ? -1 : -1 << (32 - weakBits);
    }

    /** Mask of the last strong byte's bits that count. */
    byte lastStrongMask() {
        int spare = 8 * strongBytes() - strongBits;
        return (byte) (0xff << spare);
    }

    /** The odd number a seeded width multiplies the weak sum by (1 for the fixed layout). */
    int multiplier(long seed) {
        if (!seeded) {
            return 1;
        }
        long z = seed + 0x9E3779B97F4A7C15L; // SplitMix64's finaliser: nearby seeds give unrelated numbers
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31)) | 1;
    }

    /** Bytes the sums of {@code blocks} blocks take, packed. */
    long bytesFor(long blocks) {
        return (blocks * bits() + 7) / 8;
    }
}
