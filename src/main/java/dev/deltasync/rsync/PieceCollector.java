package dev.deltasync.rsync;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MatchSink} that records a scan of one stretch of new content against the signature of one
 * basis range as {@link Piece}s in absolute offsets, merging neighbours of one kind.
 */
final class PieceCollector implements MatchSink {

    private final List<Piece> pieces = new ArrayList<>();
    private final BasisRange range;
    private final int blockLength;
    private long newPos;

    /**
     * @param newStart    offset in the new content of the first byte scanned
     * @param range       the basis range the signature describes (block 0 starts at its offset)
     * @param blockLength the signature's block length
     */
    PieceCollector(long newStart, BasisRange range, int blockLength) {
        this.newPos = newStart;
        this.range = range;
        this.blockLength = blockLength;
    }

    @Override
    public void copy(int block) {
        long within = (long) block * blockLength;
        long length = Math.min(blockLength, range.length() - within);
        add(new Piece(newPos, length, range.offset() + within));
    }

    @Override
    public void literal(byte[] data, int offset, int length) {
        if (length > 0) {
            add(Piece.literal(newPos, length));
        }
    }

    List<Piece> pieces() {
        return pieces;
    }

    private void add(Piece piece) {
        newPos += piece.length();
        appendMerging(pieces, piece);
    }

    static void appendMerging(List<Piece> pieces, Piece piece) {
        if (!pieces.isEmpty()) {
            Piece merged = pieces.get(pieces.size() - 1).mergedWith(piece);
            if (merged != null) {
                pieces.set(pieces.size() - 1, merged);
                return;
            }
        }
        pieces.add(piece);
    }
}
