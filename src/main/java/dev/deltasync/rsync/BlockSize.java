package dev.deltasync.rsync;

/** The one place that decides how long signature blocks are. */
public final class BlockSize {

    /** rsync's floor: below 700*700 bytes every file uses 700-byte blocks. */
    public static final int MIN = 700;
    /** rsync's ceiling since protocol 30. */
    public static final int MAX = 128 * 1024;
    /** Bounds accepted for an explicit block length (--block-size, signature files). */
    public static final int MIN_OVERRIDE = 16;
    public static final int MAX_OVERRIDE = 16 * 1024 * 1024;

    private BlockSize() {
    }

    /**
     * rsync's rule: about sqrt(length), so that signature size and the cost of re-sending one
     * changed block grow alike; 700 B up to 700*700 bytes, above that sqrt(length) rounded up to a
     * multiple of 8, at most 128 KiB.
     */
    public static int forLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("file length must not be negative: " + length);
        }
        if (length <= (long) MIN * MIN) {
            return MIN;
        }
        long root = (long) Math.sqrt((double) length);
        long rounded = (root + 7) & ~7L;
        return (int) Math.min(MAX, rounded);
    }

    /** Validates an explicit block length, e.g. one given on the command line or read from a file. */
    public static int checkOverride(long blockLength) {
        if (blockLength < MIN_OVERRIDE || blockLength > MAX_OVERRIDE) {
            throw new IllegalArgumentException("block length must be between " + MIN_OVERRIDE + " and "
                    + MAX_OVERRIDE + " bytes, not " + blockLength);
        }
        return (int) blockLength;
    }
}
