package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Future;

/**
 * A sliding window over a stream, in a fixed amount of memory whatever the stream's length, whose
 * bytes are also fed (without copying) to a background SHA-256.
 *
 * <p>Two buffers take turns: when the current one is full, the bytes the caller still needs are copied
 * to the other one, whose earlier contents the hashing thread has finished with by then, so neither
 * side waits in the usual case.
 */
final class HashingWindow implements AutoCloseable {

    static final int READ_CHUNK = 1 << 20;
    private static final int MIN_CAPACITY = 4 << 20;
    /** Small files never pay for the full window: it starts here and doubles as the stream turns out longer. */
    private static final int INITIAL_CAPACITY = 64 << 10;

    private final InputStream in;
    private final int capacity;
    /** Null for a window whose bytes need no whole-stream hash (the stretches a refinement round rescans). */
    private final AsyncSha256 sha;
    private byte[] buffer;
    private byte[] spare;
    private Future<?> bufferHashed;
    private Future<?> spareHashed;
    private int end;
    private boolean eof;
    private long totalRead;

    /** @param keep the most bytes the caller will ever need to keep at once (e.g. block + pending literal) */
    HashingWindow(InputStream in, int keep) {
        this(in, keep, true);
    }

    /** A window that computes no SHA-256: for rescanning stretches whose whole-file hash is already known. */
    static HashingWindow unhashed(InputStream in, int keep) {
        return new HashingWindow(in, keep, false);
    }

    private HashingWindow(InputStream in, int keep, boolean hashed) {
        this.in = in;
        this.sha = hashed ? new AsyncSha256() : null;
        this.capacity = Math.max(MIN_CAPACITY, 2 * keep + READ_CHUNK);
        this.buffer = new byte[Math.min(capacity, INITIAL_CAPACITY)];
        this.spare = new byte[0];
        this.bufferHashed = AsyncSha256.DONE;
        this.spareHashed = AsyncSha256.DONE;
    }

    byte[] buffer() {
        return buffer;
    }

    /** Index just past the last valid byte of {@link #buffer()}. */
    int end() {
        return end;
    }

    boolean eof() {
        return eof;
    }

    long totalRead() {
        return totalRead;
    }

    /**
     * Reads until {@code needEnd} bytes are in the buffer or the stream ends. Bytes before
     * {@code keepFrom} may be dropped to make room, in which case everything moves down by
     * {@code keepFrom}: the return value is that shift (0 if nothing moved), to subtract from the
     * caller's indices. Both arguments are indices before the shift.
     */
    int fill(int keepFrom, int needEnd) throws IOException {
        if (end >= needEnd || eof) {
            return 0;
        }
        if (cramped(needEnd) && buffer.length < capacity) {
            buffer = Arrays.copyOf(buffer, Math.min(capacity, Math.max(2 * buffer.length, needEnd)));
            // the hashing thread may still read the old array, which the copy leaves untouched
        }
        int shift = 0;
        if (cramped(needEnd)) {
            shift = keepFrom;
            moveToSpare(keepFrom);
        }
        int target = needEnd - shift;
        if (target > buffer.length) {
            throw new IllegalStateException("window of " + buffer.length + " bytes cannot hold " + (end - keepFrom));
        }
        while (end < target && !eof) {
            readChunk();
        }
        return shift;
    }

    private boolean cramped(int needEnd) {
        return buffer.length - end < Math.min(READ_CHUNK, buffer.length / 4) || needEnd > buffer.length;
    }

    private void moveToSpare(int keepFrom) throws IOException {
        AsyncSha256.await(spareHashed);
        if (spare.length != buffer.length) {
            spare = new byte[buffer.length];
        }
        int kept = end - keepFrom;
        System.arraycopy(buffer, keepFrom, spare, 0, kept);
        byte[] previous = buffer;
        buffer = spare;
        spare = previous;
        spareHashed = bufferHashed;
        bufferHashed = AsyncSha256.DONE;
        end = kept;
    }

    private void readChunk() throws IOException {
        int n = in.read(buffer, end, Math.min(READ_CHUNK, buffer.length - end));
        if (n < 0) {
            eof = true;
            return;
        }
        bufferHashed = sha == null ? AsyncSha256.DONE : sha.update(buffer, end, n);
        end += n;
        totalRead += n;
    }

    /** The SHA-256 of every byte read; call once the stream has ended. */
    byte[] sha256() throws IOException {
        if (sha == null) {
            throw new IllegalStateException("this window computes no SHA-256");
        }
        return sha.finish();
    }

    @Override
    public void close() {
        if (sha != null) {
            sha.close();
        }
    }
}
