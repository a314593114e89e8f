package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Rebuilds the new content from a basis file and a delta stream, then proves it: the basis must be the
 * file the delta was made against (same length, same SHA-256) and the result must have the length and
 * SHA-256 the delta carries. The basis length is checked before anything is written; the basis SHA-256
 * is computed on another thread while the patch runs (unless the caller already knows it) and checked
 * at the end, so a stream consumer must treat the output as unconfirmed until this returns.
 */
public final class Patcher {

    private Patcher() {
    }

    /**
     * @param basis the file the delta's signature was made from; null for an empty basis
     * @throws DeltaFormatException   the delta is malformed, truncated or damaged
     * @throws WrongBasisException    the basis is not the one the delta was made against
     * @throws VerificationException  the result does not have the promised length or SHA-256
     */
    public static PatchResult patch(Path basis, InputStream delta, OutputStream out) throws IOException {
        return patch(basis, null, delta, out);
    }

    /**
     * Like {@link #patch(Path, InputStream, OutputStream)}, for a caller that knows the basis' SHA-256
     * (e.g. it just built the signature from it): the basis is then not read a second time to hash it.
     *
     * @param knownBasisSha256Hex the basis' SHA-256 in hex, or null to compute it
     */
    public static PatchResult patch(Path basis, String knownBasisSha256Hex, InputStream delta, OutputStream out)
            throws IOException {
        DeltaReader reader = new DeltaReader(delta);
        requireBasisLength(basis == null ? 0 : Files.size(basis), describe(basis), reader);
        try (FileChannel channel = basis == null ? null : FileChannel.open(basis, StandardOpenOption.READ)) {
            return patch(reader, channel, describe(basis), knownBasisSha256Hex, out);
        }
    }

    /**
     * Like {@link #patch(Path, String, InputStream, OutputStream)} with the basis already open (by a caller that
     * opens it confined to its folder, so that no link swapped in for it is followed); the caller closes it.
     *
     * @param basis     null for an empty basis
     * @param basisName the basis in words, for errors
     */
    public static PatchResult patch(FileChannel basis, String basisName, String knownBasisSha256Hex, InputStream delta,
                                    OutputStream out) throws IOException {
        DeltaReader reader = new DeltaReader(delta);
        requireBasisLength(basis == null ? 0 : basis.size(), basisName, reader);
        return patch(reader, basis, basisName, knownBasisSha256Hex, out);
    }

    private static void requireBasisLength(long basisSize, String basisName, DeltaReader reader)
            throws WrongBasisException {
        if (basisSize != reader.basisLength()) {
            throw new WrongBasisException("basis " + basisName + " has " + basisSize
                    + " bytes, but the delta was made against a file of " + reader.basisLength() + " bytes");
        }
    }

    private static PatchResult patch(DeltaReader reader, FileChannel channel, String basisName,
                                     String knownBasisSha256Hex, OutputStream out) throws IOException {
        try (BasisHash basisHash = BasisHash.start(channel, knownBasisSha256Hex);
             HashingOutput output = new HashingOutput(out, reader.basisLength())) {
            long matched = apply(reader, channel, output);
            byte[] sha = output.finish();
            byte[] basisSha = basisHash.get();
            if (!startsWith(basisSha, reader.basisSha256())) {
                throw new WrongBasisException("basis " + basisName + " is not the file the delta was made against (its SHA-256 is "
                        + Sha256.toHex(basisSha) + ", the delta expects " + Sha256.toHex(reader.basisSha256()) + ")");
            }
            if (output.length() != reader.newLength() || !startsWith(sha, reader.newSha256())) {
                throw new VerificationException("the patched result does not match the delta: " + output.length()
                        + " bytes with SHA-256 " + Sha256.toHex(sha) + ", expected " + reader.newLength()
                        + " bytes with SHA-256 " + Sha256.toHex(reader.newSha256()));
            }
            return new PatchResult(output.length(), Sha256.toHex(sha), output.length() - matched, matched);
        }
    }

    /** Applies every operation; returns how many bytes came from the basis. */
    private static long apply(DeltaReader reader, FileChannel basis, HashingOutput output) throws IOException {
        long matched = 0;
        for (DeltaReader.Op op = reader.next(); op != DeltaReader.Op.END; op = reader.next()) {
            if (op == DeltaReader.Op.COPY) {
                copy(basis, reader.copyOffset(), reader.copyLength(), output);
                matched += reader.copyLength();
            } else {
                while (reader.literalLeft() > 0) {
                    int room = output.reserve(reader.literalLeft());
                    reader.readLiteral(output.buffer(), output.used(), room);
                    output.commit(room);
                }
            }
        }
        return matched;
    }

    private static void copy(FileChannel basis, long offset, long length, HashingOutput output) throws IOException {
        long done = 0;
        while (done < length) {
            int room = output.reserve(length - done);
            ByteBuffer target = ByteBuffer.wrap(output.buffer(), output.used(), room);
            while (target.hasRemaining()) {
                long at = offset + done + target.position() - output.used();
                if (basis.read(target, at) < 0) {
                    throw new BasisChangedException("the basis ended at byte " + at
                            + " while copying from it (did it change during the patch?)");
                }
            }
            output.commit(room);
            done += room;
        }
    }

    static String describe(Path basis) {
        return basis == null ? "(empty)" : basis.toString();
    }

    /** Whether {@code sha} begins with {@code expected}: all of it, or a compact delta's 8-byte prefix. */
    private static boolean startsWith(byte[] sha, byte[] expected) {
        return expected.length <= sha.length && Arrays.equals(sha, 0, expected.length, expected, 0, expected.length);
    }
}
