package dev.deltasync.wire;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

import io.netty.util.internal.PlatformDependent;

/**
 * One direction of a connection as a single zstd stream: each payload is compressed with the context
 * of everything sent before and flushed, so the peer can decode it at once. Used by one channel's
 * encoder only, in write order. The level follows the stream's rate ({@link StreamLevel}); zstd only takes a
 * new level at a frame's start, so a change ends the current frame with the payload at hand (the next frame
 * starts without the history, once per change). Tables are capped (2 MiB window, 2^19 hash and chain entries:
 * ~4.6 MiB per connection whatever the level), so an idle connection gives them back: {@link #compressAndRelease}
 * ends the frame with a last payload and frees the context and buffers; the next payload starts a new frame.
 * A context starts with small tables (128 KiB window, 2^16 entries: ~1.1 MiB), enough for what most connections
 * carry at a time (a push, a manifest difference, a few small files), so a server whose clients all sync at once
 * holds a quarter of the memory; a frame that carries more than {@link #SMALL_FRAME_BYTES} ends there and the
 * next one takes the full tables until the context is released.
 */
public final class StreamCompressor implements AutoCloseable {

    /** The window our senders use (2 MiB); receivers refuse larger ones. */
    static final int WINDOW_LOG = 21;
    private static final int TABLE_LOG = 19;
    static final int SMALL_WINDOW_LOG = 17;
    private static final int SMALL_TABLE_LOG = 16;
    /** Raw bytes a frame with small tables carries before the stream moves to the full ones. */
    static final int SMALL_FRAME_BYTES = 256 * 1024;

    private final LongSupplier nanoTime;
    private final StreamLevel levels;
    private ZstdCompressCtx ctx;
    private int level = StreamLevel.ULTRA;
    private boolean smallTables = true;
    /** Raw bytes in the current zstd frame. */
    private long frameBytes;
    private long lastPayloadNanos;
    private ByteBuffer in;
    private ByteBuffer out;
    private boolean closed;

    public StreamCompressor() {
        this(System::nanoTime);
    }

    StreamCompressor(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.levels = new StreamLevel(nanoTime);
    }

    private ZstdCompressCtx context() {
        if (ctx == null) {
            ctx = new ZstdCompressCtx();
            configure(level);
        }
        return ctx;
    }

    /** Takes effect with the next frame. */
    private void configure(int newLevel) {
        level = newLevel;
        frameBytes = 0;
        if (smallTables) {
            ctx.setLevel(newLevel).setWindowLog(SMALL_WINDOW_LOG).setHashLog(SMALL_TABLE_LOG)
                    .setChainLog(SMALL_TABLE_LOG);
            return;
        }
        boolean fast = newLevel <= StreamLevel.BULK; // level 3's own tables: 2^17 hash, 2^16 chain
        ctx.setLevel(newLevel).setWindowLog(WINDOW_LOG).setHashLog(fast ? 17 : TABLE_LOG)
                .setChainLog(fast ? 16 : TABLE_LOG);
    }

    /** The window the next frame starts with (log2 of bytes). */
    int windowLog() {
        return smallTables ? SMALL_WINDOW_LOG : WINDOW_LOG;
    }

    /** The level the next frame starts with (the current one's, unless a payload changed it). */
    int level() {
        return level;
    }

    /** Whether the zstd context (and its buffers) is allocated: false before the first payload and after a release. */
    public boolean isHoldingContext() {
        return ctx != null;
    }

    /** Whether a context is held and no payload was compressed for at least {@code nanos}. */
    public boolean idleFor(long nanos) {
        return ctx != null && nanoTime.getAsLong() - lastPayloadNanos >= nanos;
    }

    /** The next flushed piece of the stream, holding {@code raw}. */
    public byte[] compress(byte[] raw) {
        int wanted = levels.next(raw.length);
        boolean outgrown = smallTables && frameBytes + raw.length > SMALL_FRAME_BYTES;
        boolean endFrame = wanted != level || outgrown;
        byte[] packed = run(raw, endFrame ? EndDirective.END : EndDirective.FLUSH);
        frameBytes += raw.length;
        if (endFrame) {
            smallTables &= !outgrown;
            configure(wanted);
        }
        return packed;
    }

    /**
     * {@code raw} as the last piece of the current zstd frame, then the context and buffers are freed: the peer's
     * decoder sees the frame end and frees its own; the next {@link #compress} starts a new frame without history.
     */
    public byte[] compressAndRelease(byte[] raw) {
        level = levels.next(raw.length);
        byte[] packed = run(raw, EndDirective.END);
        release();
        return packed;
    }

    private byte[] run(byte[] raw, EndDirective end) {
        if (closed) {
            throw new IllegalStateException("the connection's zstd stream is closed");
        }
        ZstdCompressCtx zstd = context();
        lastPayloadNanos = nanoTime.getAsLong();
        if (in == null || in.capacity() < raw.length) {
            free(in);
            in = ByteBuffer.allocateDirect(raw.length);
        }
        int bound = (int) Math.min(Integer.MAX_VALUE - 8, Zstd.compressBound(raw.length) + 1024);
        if (out == null || out.capacity() < bound) {
            free(out);
            out = ByteBuffer.allocateDirect(bound);
        }
        in.clear();
        in.put(raw).flip();
        out.clear();
        while (!zstd.compressDirectByteBufferStream(out, in, end)) {
            if (!out.hasRemaining()) {
                throw new IllegalStateException("zstd produced more than its bound for " + raw.length + " bytes");
            }
        }
        out.flip();
        byte[] packed = new byte[out.remaining()];
        out.get(packed);
        return packed;
    }

    /** Direct buffers are freed at once: left to the GC, a connection's could stay for a long time. */
    private static void free(ByteBuffer buffer) {
        if (buffer != null) {
            PlatformDependent.freeDirectBuffer(buffer);
        }
    }

    /** Ends the stream (the connection is gone): frees the context and buffers, wherever the frame stands. */
    @Override
    public void close() {
        closed = true;
        release();
    }

    private void release() {
        smallTables = true;
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
        free(in);
        free(out);
        in = null;
        out = null;
    }
}
