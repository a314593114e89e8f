package dev.deltasync.rsync;

import java.io.IOException;
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

    /** What a refinement round found inside one chosen piece. */
    @FunctionalInterface
    interface Rescan {
        List<Piece> of(int choice, Piece piece) throws IOException;
    }

    /**
     * The pieces after a round: each chosen piece (indices ascending) replaced by what {@code rescan} found in it,
     * neighbours merged; a chosen piece the round could not split at all is marked exhausted.
     */
    static List<Piece> spliced(List<Piece> pieces, List<Integer> chosen, Rescan rescan) throws IOException {
        List<Piece> next = new ArrayList<>(pieces.size() + 4 * chosen.size());
        int c = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (c < chosen.size() && chosen.get(c) == i) {
                List<Piece> found = rescan.of(c, piece);
                if (found.size() == 1 && found.get(0).isLiteral()) {
                    found = List.of(found.get(0).asExhausted());
                }
                for (Piece sub : found) {
                    appendMerging(next, sub);
                }
                c++;
            } else {
                appendMerging(next, piece);
            }
        }
        return next;
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
