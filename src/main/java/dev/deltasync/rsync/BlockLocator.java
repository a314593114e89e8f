package dev.deltasync.rsync;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link MatchSink} for the receiver-driven direction: the signature describes a stretch of the
 * new file, the scan runs over the receiver's own basis, and each copy says "new block j sits here in
 * the basis". Remembers the first place each block was found; blocks identical to a found one (the
 * block index keeps duplicates once) are given the same place.
 */
final class BlockLocator implements MatchSink {

    private final Signature signature;
    private final long[] foundAt;
    private long scanPos;

    /** @param scanStart basis offset of the first byte scanned */
    BlockLocator(Signature signature, long scanStart) {
        this.signature = signature;
        this.foundAt = new long[signature.blockCount()];
        Arrays.fill(foundAt, Piece.LITERAL);
        this.scanPos = scanStart;
    }

    @Override
    public void copy(int block) {
        if (foundAt[block] == Piece.LITERAL) {
            foundAt[block] = scanPos;
        }
        scanPos += blockLength(block);
    }

    @Override
    public void literal(byte[] data, int offset, int length) {
        scanPos += length;
    }

    /** The stretch {@code [newStart, newStart + length)} the signature describes, as pieces in new-file offsets. */
    java.util.List<Piece> pieces(long newStart) {
        fillDuplicates();
        java.util.List<Piece> pieces = new java.util.ArrayList<>();
        long at = newStart;
        for (int block = 0; block < foundAt.length; block++) {
            int length = blockLength(block);
            Piece piece = foundAt[block] == Piece.LITERAL ? Piece.literal(at, length) : new Piece(at, length, foundAt[block]);
            PieceCollector.appendMerging(pieces, piece);
            at += length;
        }
        return pieces;
    }

    private void fillDuplicates() {
        Map<ByteBuffer, Long> found = new HashMap<>();
        for (int block = 0; block < foundAt.length; block++) {
            if (foundAt[block] != Piece.LITERAL) {
                found.putIfAbsent(key(block), foundAt[block]);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        for (int block = 0; block < foundAt.length; block++) {
            if (foundAt[block] == Piece.LITERAL && blockLength(block) == signature.blockLength()) {
                foundAt[block] = found.getOrDefault(key(block), Piece.LITERAL);
            }
        }
    }

    private ByteBuffer key(int block) {
        int s = signature.strongLength();
        ByteBuffer key = ByteBuffer.allocate(4 + s).putInt(signature.weakSum(block));
        key.put(signature.strongSums(), block * s, s);
        return key.flip();
    }

    private int blockLength(int block) {
        return block == foundAt.length - 1 ? signature.lastBlockLength() : signature.blockLength();
    }
}
