package dev.deltasync.rsync;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a delta stream: header, ops with adjacent copies merged and literals cut to the maximum size, trailer. */
final class DeltaWriter implements MatchSink {

    private final ChecksummedOutput out;
    private long literalBytes;
    private int pendingFirst;
    private int pendingCount;

    DeltaWriter(OutputStream out, Signature basis) throws IOException {
        this.out = new ChecksummedOutput(out);
        this.out.writeInt(DeltaFormat.MAGIC);
        this.out.writeByte(DeltaFormat.VERSION);
        this.out.writeInt(basis.blockLength());
        this.out.writeLong(basis.basisLength());
        byte[] sha = basis.basisSha256();
        this.out.write(sha, 0, sha.length);
    }

    @Override
    public void copy(int block) throws IOException {
        if (pendingCount > 0 && pendingFirst + pendingCount == block) {
            pendingCount++;
            return;
        }
        flushCopy();
        pendingFirst = block;
        pendingCount = 1;
    }

    @Override
    public void literal(byte[] data, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        flushCopy();
        for (int done = 0; done < length; done += DeltaFormat.MAX_LITERAL) {
            int piece = Math.min(DeltaFormat.MAX_LITERAL, length - done);
            out.writeByte(DeltaFormat.OP_LITERAL);
            out.writeInt(piece);
            out.write(data, offset + done, piece);
        }
        literalBytes += length;
    }

    /** Ends the ops, writes the trailer and returns the delta's total size in bytes. */
    long finish(long newLength, byte[] newSha256) throws IOException {
        flushCopy();
        out.writeByte(DeltaFormat.OP_END);
        out.writeLong(newLength);
        out.write(newSha256, 0, newSha256.length);
        out.finishWithCrc();
        return out.count();
    }

    long literalBytes() {
        return literalBytes;
    }

    private void flushCopy() throws IOException {
        if (pendingCount > 0) {
            out.writeByte(DeltaFormat.OP_COPY);
            out.writeInt(pendingFirst);
            out.writeInt(pendingCount);
            pendingCount = 0;
        }
    }
}
