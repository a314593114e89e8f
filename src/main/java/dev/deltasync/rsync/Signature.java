package dev.deltasync.rsync;

import java.util.Arrays;

/**
 * What the receiver knows about its basis file, in primitive arrays: per block a 32-bit weak sum and a
 * truncated strong sum, plus the basis length and whole-file SHA-256. The last block may be shorter.
 */
public final class Signature {

    /** Keeps the arrays addressable by int and the in-memory size sane; a larger block length fixes it. */
    public static final long MAX_BLOCKS = 1L << 26;

    private final int blockLength;
    private final int strongLength;
    private final long basisLength;
    private final byte[] basisSha256;
    private final int[] weakSums;
    private final byte[] strongSums;
    private final StrongSum strongSum;
    private final int weakMultiplier;
    private final int weakMask;
    private final byte lastStrongMask;

    Signature(int blockLength, int strongLength, long basisLength, byte[] basisSha256, int[] weakSums, byte[] strongSums) {
        this(blockLength, strongLength, basisLength, basisSha256, weakSums, strongSums, StrongSum.UNSEEDED);
    }

    Signature(int blockLength, int strongLength, long basisLength, byte[] basisSha256, int[] weakSums, byte[] strongSums,
              StrongSum strongSum) {
        this(blockLength, basisLength, basisSha256, weakSums, strongSums, strongSum, SumWidth.fixed(strongLength), 1);
    }

    /**
     * A round's signature whose sums were cut to {@code width}: {@code weakSums} hold {@link #weakKey} values and
     * the strong sums' last byte is masked.
     */
    Signature(int blockLength, long basisLength, byte[] basisSha256, int[] weakSums, byte[] strongSums,
              StrongSum strongSum, SumWidth width, int weakMultiplier) {
        int strongLength = width.strongBytes();
        long blocks = blockCount(basisLength, blockLength);
        if (weakSums.length != blocks || strongSums.length != blocks * strongLength) {
            throw new IllegalArgumentException("a basis of " + basisLength + " bytes in blocks of " + blockLength
                    + " has " + blocks + " blocks, not " + weakSums.length);
        }
        if (basisSha256.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + basisSha256.length);
        }
        this.blockLength = blockLength;
        this.strongLength = strongLength;
        this.basisLength = basisLength;
        this.basisSha256 = basisSha256.clone();
        this.weakSums = weakSums;
        this.strongSums = strongSums;
        this.strongSum = strongSum;
        this.weakMultiplier = weakMultiplier;
        this.weakMask = width.weakMask();
        this.lastStrongMask = width.lastStrongMask();
    }

    /** What a window's weak sum is compared as: the sum itself, or for a cut round its seeded top bits. */
    int weakKey(int weakSum) {
        return weakSum * weakMultiplier & weakMask;
    }

    /** Whether the weak sums are compared whole (the hot loop then skips {@link #weakKey}). */
    boolean wholeWeakSums() {
        return weakMultiplier == 1 && weakMask == -1;
    }

    /** Cuts a freshly computed strong sum to the bits this signature keeps. */
    void maskStrong(byte[] strong) {
        if (strongLength > 0) {
            strong[strongLength - 1] &= lastStrongMask;
        }
    }

    /** The strong hash these sums were made with (seeded for refinement rounds). */
    StrongSum strongSum() {
        return strongSum;
    }

    /** The signature of an empty basis: a delta against it sends the whole new file as literals. */
    public static Signature empty() {
        return new Signature(BlockSize.forLength(0), StrongLength.MIN, 0, Sha256.ofNothing(), new int[0], new byte[0]);
    }

    /** Number of blocks a basis of this length has; fails if it would exceed {@link #MAX_BLOCKS}. */
    static long blockCount(long basisLength, int blockLength) {
        long blocks = StrongLength.blockCount(basisLength, blockLength);
        if (blocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("a basis of " + basisLength + " bytes needs " + blocks
                    + " blocks of " + blockLength + " bytes, more than " + MAX_BLOCKS + "; use larger blocks");
        }
        return blocks;
    }

    public int blockLength() {
        return blockLength;
    }

    public int strongLength() {
        return strongLength;
    }

    public long basisLength() {
        return basisLength;
    }

    public int blockCount() {
        return weakSums.length;
    }

    public String basisSha256Hex() {
        return Sha256.toHex(basisSha256);
    }

    byte[] basisSha256() {
        return basisSha256.clone();
    }

    /** Blocks of the full block length; the last block is excluded when it is shorter. */
    int fullBlockCount() {
        return (int) (basisLength / blockLength);
    }

    /** Length of the last block: between 1 and the block length, or 0 for an empty basis. */
    int lastBlockLength() {
        return weakSums.length == 0 ? 0 : (int) (basisLength - (long) (weakSums.length - 1) * blockLength);
    }

    int weakSum(int block) {
        return weakSums[block];
    }

    boolean strongSumEquals(int block, byte[] strong) {
        int from = block * strongLength;
        return Arrays.equals(strongSums, from, from + strongLength, strong, 0, strongLength);
    }

    boolean sameStrongSum(int block, int other) {
        int a = block * strongLength;
        int b = other * strongLength;
        return Arrays.equals(strongSums, a, a + strongLength, strongSums, b, b + strongLength);
    }

    int[] weakSums() {
        return weakSums;
    }

    byte[] strongSums() {
        return strongSums;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && blockLength == other.blockLength && strongLength == other.strongLength
                && basisLength == other.basisLength && Arrays.equals(basisSha256, other.basisSha256)
                && Arrays.equals(weakSums, other.weakSums) && Arrays.equals(strongSums, other.strongSums);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(basisSha256) * 31 + blockLength;
    }

    @Override
    public String toString() {
        return "Signature[basis " + basisLength + " bytes, " + blockCount() + " blocks of " + blockLength
                + ", strong " + strongLength + " bytes, sha256 " + basisSha256Hex() + "]";
    }
}
