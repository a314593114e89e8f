package dev.deltasync.rsync;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Future;

/**
 * Output buffering for the patcher: callers fill the free part of a buffer in place, full buffers go to
 * the output stream and, without copying, to a background SHA-256. Two buffers take turns so the
 * caller fills one while the other is still being hashed.
 */
final class HashingOutput implements AutoCloseable {

    static final int BUFFER = 1 << 20;
    /** Room a result bigger than its hint grows from, doubling up to {@link #BUFFER}. */
    private static final int MIN_BUFFER = 8 << 10;

    private final OutputStream out;
    private final AsyncSha256 sha = new AsyncSha256();
    private byte[] buffer;
    /** Made at the first flush of a full buffer: a result that fits in one buffer never needs it. */
    private byte[] spare;
    private Future<?> spareHashed = AsyncSha256.DONE;
    private int used;
    private long length;

    /**
     * @param sizeHint the result's likely length (a delta names its result's length only in its trailer: the
     *                 patcher gives the basis' length): a small file's patch then takes a buffer of about its size,
     *                 not two of 1 MiB (a live client patches one small file per pushed edit)
     */
    HashingOutput(OutputStream out, long sizeHint) {
        this.out = out;
        this.buffer = new byte[(int) Math.min(BUFFER, Math.max(MIN_BUFFER, sizeHint))];
    }

    /** Makes room and returns how many of the wanted bytes may be put at {@link #buffer()}[{@link #used()}]. */
    int reserve(long wanted) throws IOException {
        if (used == buffer.length && buffer.length < BUFFER) {
            buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(BUFFER, 2L * buffer.length + wanted));
        } else if (used == buffer.length) {
            flushBuffer();
        }
        return (int) Math.min(wanted, buffer.length - used);
    }

    byte[] buffer() {
        return buffer;
    }

    int used() {
        return used;
    }

    /** Declares that {@code count} bytes were put after the used part. */
    void commit(int count) {
        used += count;
        length += count;
    }

    long length() {
        return length;
    }

    /** Writes out what is left and returns the SHA-256 of everything. */
    byte[] finish() throws IOException {
        flushBuffer();
        out.flush();
        return sha.finish();
    }

    private void flushBuffer() throws IOException {
        if (used == 0) {
            return;
        }
        Future<?> hashed = sha.update(buffer, 0, used);
        out.write(buffer, 0, used);
        AsyncSha256.await(spareHashed);
        spareHashed = hashed;
        byte[] full = buffer;
        buffer = spare != null && spare.length == full.length ? spare : new byte[full.length];
        spare = full;
        used = 0;
    }

    @Override
    public void close() {
        sha.close();
    }
}
