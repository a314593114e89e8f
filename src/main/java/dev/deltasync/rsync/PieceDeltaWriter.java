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
        ChecksummedOutput out = new ChecksummedOutput(deltaOut);
        out.writeInt(DeltaFormat.MAGIC);
        out.writeByte(DeltaFormat.VERSION_COPY_AT);
        out.writeInt(blockLength);
        out.writeLong(basisLength);
        byte[] basisSha = HexFormat.of().parseHex(basisSha256Hex);
        out.write(basisSha, 0, basisSha.length);
        long literal = 0;
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
                    out.writeInt(n);
                    out.write(chunk, 0, n);
                    done += n;
                }
                literal += piece.length();
            } else {
                for (long done = 0; done < piece.length(); ) {
                    int n = (int) Math.min(Integer.MAX_VALUE, piece.length() - done);
                    out.writeByte(DeltaFormat.OP_COPY_AT);
                    out.writeLong(piece.basisOffset() + done);
                    out.writeInt(n);
                    done += n;
                }
            }
        }
        out.writeByte(DeltaFormat.OP_END);
        out.writeLong(newLength);
        out.write(newSha256, 0, newSha256.length);
        out.finishWithCrc();
        return new DeltaStats(newLength, literal, newLength - literal, Sha256.toHex(newSha256), out.count());
    }

    /** The bytes of one literal piece. */
    @FunctionalInterface
    interface LiteralSource {
        InputStream open(Piece piece) throws IOException;
    }
}
