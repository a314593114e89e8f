package dev.deltasync.rsync;

import java.util.List;

/**
 * Where in the basis an unmatched stretch of the new file can be looked for: between the basis ends
 * of its neighbours' matches. When the neighbours come from the basis in the other order (moved or
 * repeated content, e.g. runs of identical blocks), the span between them, widened by the stretch's
 * length on each side, is searched instead.
 */
final class BasisGap {

    private BasisGap() {
    }

    /** The gap for literal piece {@code i}, or null when there is none (a pure insertion). */
    static BasisRange of(List<Piece> pieces, int i, long basisLength) {
        Piece piece = pieces.get(i);
        long from = i > 0 ? pieces.get(i - 1).basisEnd() : 0;
        long to = i + 1 < pieces.size() ? pieces.get(i + 1).basisOffset() : basisLength;
        if (to > from) {
            return new BasisRange(from, to - from);
        }
        if (to == from) {
            return null;
        }
        long lo = Math.max(0, to - piece.length());
        long hi = Math.min(basisLength, from + piece.length());
        return new BasisRange(lo, hi - lo);
    }
}
