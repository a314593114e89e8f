package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the version-2 delta of a list of {@link Piece}s: COPY_AT for the pieces found in the basis,
 * LITERAL ops for the others, whose bytes are read in order from one stream.
 */
final class PieceDeltaWriter {

    private PieceDeltaWriter() {
    }

    /**
     * @param literals the literal pieces' bytes, back to back, in order
     * @param newSha256 the new content's SHA-256, for the trailer
     */
    static DeltaStats write(List<Piece> pieces, LiteralSource literals, int blockLength, long basisLength,
                            String basisSha256Hex, long newLength, byte[] newSha256, OutputStream deltaOut)
            throws IOException {
        return write(pieces, literals, blockLength, basisLength, basisSha256Hex, newLength, newSha256, false, deltaOut);
    }

    /** @param compact write version 3 (varints, 8-byte hash prefixes, no CRC) instead of version 2 */
    static DeltaStats write(List<Piece> pieces, LiteralSource literals, int blockLength, long basisLength,
                            String basisSha256Hex, long newLength, byte[] newSha256, boolean compact,
                            OutputStream deltaOut) throws IOException {
        ChecksummedOutput out = new ChecksummedOutput(deltaOut);
        out.writeInt(DeltaFormat.MAGIC);
        byte[] basisSha = HexFormat.of().parseHex(basisSha256Hex);
        if (compact) {
            out.writeByte(DeltaFormat.VERSION_COMPACT);
            out.writeVarint(basisLength);
            out.write(basisSha, 0, DeltaFormat.HASH_PREFIX);
        } else {
            out.writeByte(DeltaFormat.VERSION_COPY_AT);
            out.writeInt(blockLength);
            out.writeLong(basisLength);
            out.write(basisSha, 0, basisSha.length);
        }
        long literal = 0;
        long previousEnd = 0;
        byte[] chunk = new byte[DeltaFormat.MAX_LITERAL];
        for (Piece piece : pieces) {
            if (piece.isLiteral()) {
                InputStream in = literals.open(piece);
                for (long done = 0; done < piece.length(); ) {
                    int n = (int) Math.min(chunk.length, piece.length() - done);
                    if (in.readNBytes(chunk, 0, n) != n) {
                        throw new BasisChangedException("the new content ended early (did it change while being read?)");
                    }
                    out.writeByte(DeltaFormat.OP_LITERAL);
                    if (compact) {
                        out.writeVarint(n);
                    } else {
                        out.writeInt(n);
                    }
                    out.write(chunk, 0, n);
                    done += n;
                }
                literal += piece.length();
            } else {
                for (long done = 0; done < piece.length(); ) {
                    int n = (int) Math.min(Integer.MAX_VALUE, piece.length() - done);
                    long offset = piece.basisOffset() + done;
                    out.writeByte(DeltaFormat.OP_COPY_AT);
                    if (compact) {
                        long delta = offset - previousEnd;
                        out.writeVarint(delta << 1 ^ delta >> 63);
                        out.writeVarint(n);
                    } else {
                        out.writeLong(offset);
                        out.writeInt(n);
                    }
                    previousEnd = offset + n;
                    done += n;
                }
            }
        }
        out.writeByte(DeltaFormat.OP_END);
        if (compact) {
            out.writeVarint(newLength);
            out.write(newSha256, 0, DeltaFormat.HASH_PREFIX);
            out.flush();
        } else {
            out.writeLong(newLength);
            out.write(newSha256, 0, newSha256.length);
            out.finishWithCrc();
        }
        return new DeltaStats(newLength, literal, newLength - literal, Sha256.toHex(newSha256), out.count());
    }

    /** The bytes of one literal piece. */
    @FunctionalInterface
    interface LiteralSource {
        InputStream open(Piece piece) throws IOException;
    }
}
