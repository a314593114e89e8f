package dev.deltasync.rsync;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds the signature of the content read through {@link #through}, as {@link SignatureBuilder} would of the whole
 * content: a sender that reads a file once anyway (to encode it) gets its signature without a second read. It
 * holds the signature's sums ({@link #sumBytes}) and one block, never the content.
 */
public final class SignatureTap {

    private final long length;
    private final int blockLength;
    private final int strongLength;
    private final int[] weak;
    private final byte[] strong;
    private final byte[] block;
    private int filled;
    private int blocks;
    private long read;
    private boolean skipped;

    /** @param length the number of bytes the content holds: any other count read gives no signature */
    public SignatureTap(long length, int blockLength) {
        BlockSize.checkOverride(blockLength);
        this.length = length;
        this.blockLength = blockLength;
        this.strongLength = StrongLength.forBasis(length, blockLength);
        int count = (int) Signature.blockCount(length, blockLength);
        this.weak = new int[count];
        this.strong = new byte[count * strongLength];
        this.block = new byte[blockLength];
    }

    /** The bytes of the sums a tap holds for a content of {@code length} in blocks of {@code blockLength}. */
    public static long sumBytes(long length, int blockLength) {
        return Signature.blockCount(length, blockLength) * (Integer.BYTES + StrongLength.forBasis(length, blockLength));
    }

    /** The bytes of this tap's sums. */
    public long sumBytes() {
        return sumBytes(length, blockLength);
    }

    /** {@code in}, read through this tap (once: a second stream's bytes would count as more content). */
    public InputStream through(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    take(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    take(b, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                skipped = true;
                return super.skip(n);
            }
        };
    }

    /** {@code out}, with what is written to it taken in as the content (once, like {@link #through}). */
    public java.io.OutputStream into(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                take(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                if (len > 0) {
                    take(b, off, len);
                }
            }
        };
    }

    /**
     * The signature of what was read, if it was the whole content, exactly {@code length} bytes, and {@code sha256Hex}
     * is its SHA-256 (computed by the reader, e.g. the encoder's pass over the same bytes).
     */
    public synchronized Optional<Signature> signature(String sha256Hex) {
        if (skipped || read != length) {
            return Optional.empty();
        }
        if (filled > 0) {
            seal();
        }
        return Optional.of(new Signature(blockLength, strongLength, length, HexFormat.of().parseHex(sha256Hex), weak,
                strong));
    }

    private synchronized void take(byte[] b, int off, int n) {
        read += n;
        if (read > length) {
            return;
        }
        while (n > 0) {
            if (filled == 0 && n >= blockLength) {
                sealFrom(b, off, blockLength); // a whole block in the caller's buffer: no copy
                off += blockLength;
                n -= blockLength;
                continue;
            }
            int step = Math.min(n, blockLength - filled);
            System.arraycopy(b, off, block, filled, step);
            filled += step;
            off += step;
            n -= step;
            if (filled == blockLength) {
                seal();
            }
        }
    }

    private void seal() {
        sealFrom(block, 0, filled);
        filled = 0;
    }

    private void sealFrom(byte[] b, int off, int len) {
        weak[blocks] = RollingChecksum.of(b, off, len);
        StrongSum.compute(b, off, len, strong, blocks * strongLength, strongLength);
        blocks++;
    }
}
