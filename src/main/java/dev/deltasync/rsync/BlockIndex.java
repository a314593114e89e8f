package dev.deltasync.rsync;

/**
 * Weak sum to block look-up for the delta encoder, in primitive arrays (no boxing, no per-entry objects).
 *
 * <p>Two levels: a bit filter with about 32 bits per block answers "certainly not here" for nearly every
 * byte position, from a table small enough to stay in cache; only filter hits probe the open-addressing
 * table, which packs weak sum and block number in one {@code long} per slot (linear probing).
 * Both index by the weak sum's high bits, the best mixed ones of a Rabin-Karp sum.
 * Blocks identical to an earlier one (same weak and strong sums) are left out: they could never be
 * preferred, and a file of zeros would otherwise turn every probe into a walk over all its blocks.
 */
final class BlockIndex {

    /** How to check a candidate block against the current window (the strong sum). */
    interface Candidate {
        boolean matches(int block);
    }

    private static final long EMPTY = -1L;
    private static final int MAX_FILTER_BITS = 27;

    private final long[] slots;
    private final int slotShift;
    private final int slotMask;
    private final long[] filter;
    private final int filterShift;
    private final boolean empty;

    /** Indexes the signature's full-length blocks. */
    BlockIndex(Signature signature) {
        int blocks = signature.fullBlockCount();
        int slotBits = Math.max(4, bitsFor(2L * blocks));
        int filterBits = Math.max(6, Math.min(MAX_FILTER_BITS, bitsFor(32L * blocks)));
        slots = new long[1 << slotBits];
        java.util.Arrays.fill(slots, EMPTY);
        slotShift = 32 - slotBits;
        slotMask = slots.length - 1;
        filter = new long[1 << (filterBits - 6)];
        filterShift = 32 - filterBits;
        empty = blocks == 0;
        for (int block = 0; block < blocks; block++) {
            add(signature, block);
        }
    }

    private static int bitsFor(long count) {
        return 64 - Long.numberOfLeadingZeros(Math.max(1, count - 1));
    }

    private void add(Signature signature, int block) {
        int weak = signature.weakSum(block);
        int slot = weak >>> slotShift;
        for (long entry; (entry = slots[slot]) != EMPTY; slot = (slot + 1) & slotMask) {
            if ((int) (entry >>> 32) == weak && signature.sameStrongSum((int) entry, block)) {
                return;
            }
        }
        slots[slot] = ((long) weak << 32) | block;
        int bit = weak >>> filterShift;
        filter[bit >>> 6] |= 1L << bit;
    }

    boolean isEmpty() {
        return empty;
    }

    /** False means no block has this weak sum; true means one may have. */
    boolean mightContain(int weak) {
        int bit = weak >>> filterShift;
        return (filter[bit >>> 6] & (1L << bit)) != 0;
    }

    /** The first block with this weak sum that the candidate test accepts, or -1. */
    int find(int weak, Candidate candidate) {
        int slot = weak >>> slotShift;
        for (long entry; (entry = slots[slot]) != EMPTY; slot = (slot + 1) & slotMask) {
            if ((int) (entry >>> 32) == weak && candidate.matches((int) entry)) {
                return (int) entry;
            }
        }
        return -1;
    }
}
