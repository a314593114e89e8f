package dev.deltasync.rsync;

/**
 * The weak, rolling checksum: a Rabin-Karp polynomial over the window,
 * <pre>  h(x_0 .. x_{n-1}) = sum (x_i + 1) * M^(n-1-i)   (mod 2^32),  M = 0x08104225</pre>
 * (librsync's multiplier). Sliding the window one byte costs one multiply and a table look-up:
 * {@code h' = h*M + x_n - ((x_0 + 1) * M^n - 1)}.
 *
 * <p>Why not rsync's Adler-style s1/s2 sum: its 16-bit halves are sums of small bytes, so for text and
 * for short blocks far fewer than 32 bits vary; that crowds the block table and multiplies strong-hash
 * checks. The polynomial spreads every input bit into the high bits, which is why the block table
 * indexes by the high bits. The "+1" makes runs of zero bytes of different lengths hash differently.
 *
 * <p>Instances hold the per-window-length tables and are immutable.
 */
public final class RollingChecksum {

    static final int MULT = 0x08104225;
    private static final int M2 = MULT * MULT;
    private static final int M3 = M2 * MULT;
    private static final int M4 = M3 * MULT;
    private static final int M5 = M4 * MULT;
    private static final int M6 = M5 * MULT;
    private static final int M7 = M6 * MULT;
    private static final int M8 = M7 * MULT;
    /** The "+1" of eight consecutive bytes: 1 + M + ... + M^7. */
    private static final int ONES8 = 1 + MULT + M2 + M3 + M4 + M5 + M6 + M7;

    private final int windowLength;
    private final int[] outTerm = new int[256];

    public RollingChecksum(int windowLength) {
        if (windowLength <= 0) {
            throw new IllegalArgumentException("window length must be positive: " + windowLength);
        }
        this.windowLength = windowLength;
        int power = 1;
        for (int i = 0; i < windowLength; i++) {
            power *= MULT;
        }
        for (int x = 0; x < 256; x++) {
            outTerm[x] = (x + 1) * power - 1;
        }
    }

    public int windowLength() {
        return windowLength;
    }

    /** The checksum of the window one byte further on, where {@code out} leaves and {@code in} enters. */
    public int roll(int sum, byte out, byte in) {
        return sum * MULT + (in & 0xff) - outTerm[out & 0xff];
    }

    /**
     * The checksum of {@code length} bytes computed from scratch. Eight bytes per step keep the
     * multiply chain short, which makes this several times faster than the one-byte recurrence.
     */
    public static int of(byte[] data, int offset, int length) {
        int h = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            int eight = (data[i] & 0xff) * M7 + (data[i + 1] & 0xff) * M6 + (data[i + 2] & 0xff) * M5
                    + (data[i + 3] & 0xff) * M4 + (data[i + 4] & 0xff) * M3 + (data[i + 5] & 0xff) * M2
                    + (data[i + 6] & 0xff) * MULT + (data[i + 7] & 0xff);
            h = h * M8 + eight + ONES8;
        }
        for (; i < end; i++) {
            h = h * MULT + (data[i] & 0xff) + 1;
        }
        return h;
    }
}
