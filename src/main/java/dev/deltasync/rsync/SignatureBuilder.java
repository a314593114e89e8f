package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Computes a {@link Signature} in one streaming pass: weak and strong sums per block on the caller's
 * thread while the whole-file SHA-256 runs on a second one.
 */
public final class SignatureBuilder {

    private SignatureBuilder() {
    }

    public static Signature build(Path file) throws IOException {
        return build(file, BlockSize.forLength(Files.size(file)));
    }

    public static Signature build(Path file, int blockLength) throws IOException {
        long length = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return build(in, length, blockLength);
        } catch (BasisChangedException e) {
            throw new BasisChangedException(file + ": " + e.getMessage());
        }
    }

    /** @param length the exact number of bytes {@code in} holds; a different count is an error */
    public static Signature build(InputStream in, long length) throws IOException {
        return build(in, length, BlockSize.forLength(length));
    }

    public static Signature build(InputStream in, long length, int blockLength) throws IOException {
        BlockSize.checkOverride(blockLength);
        int blocks = (int) Signature.blockCount(length, blockLength);
        int strongLength = StrongLength.forBasis(length, blockLength);
        int[] weak = new int[blocks];
        byte[] strong = new byte[blocks * strongLength];
        try (HashingWindow window = new HashingWindow(in, blockLength)) {
            int block = 0;
            int pos = 0;
            while (true) {
                pos -= window.fill(pos, pos + blockLength);
                int available = window.end() - pos;
                if (available == 0) {
                    break;
                }
                if (block == blocks) {
                    throw new BasisChangedException("input is longer than the " + length
                            + " bytes announced (did it change while being read?)");
                }
                int len = Math.min(blockLength, available);
                byte[] buf = window.buffer();
                weak[block] = RollingChecksum.of(buf, pos, len);
                StrongSum.compute(buf, pos, len, strong, block * strongLength, strongLength);
                block++;
                pos += len;
            }
            if (window.totalRead() != length) {
                throw new BasisChangedException("input has " + window.totalRead() + " bytes, not the " + length
                        + " announced (did it change while being read?)");
            }
            return new Signature(blockLength, strongLength, length, window.sha256(), weak, strong);
        }
    }
}
