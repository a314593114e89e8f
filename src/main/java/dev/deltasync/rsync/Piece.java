package dev.deltasync.rsync;

/**
 * A stretch of the new content as the refining encoder sees it: either found in the basis at
 * {@code basisOffset}, or not found ({@code basisOffset == -1}) and so, for now, literal.
 */
record Piece(long newOffset, long length, long basisOffset, boolean exhausted) {

    static final long LITERAL = -1;

    Piece(long newOffset, long length, long basisOffset) {
        this(newOffset, length, basisOffset, false);
    }

    static Piece literal(long newOffset, long length) {
        return new Piece(newOffset, length, LITERAL);
    }

    /**
     * A literal that a whole refinement round could not split: finer blocks would very likely find
     * nothing either (new content), so it is not refined again.
     */
    Piece asExhausted() {
        return new Piece(newOffset, length, basisOffset, true);
    }

    boolean isLiteral() {
        return basisOffset == LITERAL;
    }

    long newEnd() {
        return newOffset + length;
    }

    long basisEnd() {
        return basisOffset + length;
    }

    /** This piece and {@code next} as one, when they are adjacent in the new content and of one kind. */
    Piece mergedWith(Piece next) {
        boolean adjacent = newEnd() == next.newOffset
                && (isLiteral() ? next.isLiteral() : !next.isLiteral() && basisEnd() == next.basisOffset);
        return adjacent ? new Piece(newOffset, length + next.length, basisOffset, exhausted && next.exhausted) : null;
    }
}
