package dev.deltasync.wire;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * One direction of a connection as a single zstd stream: each payload is compressed with the context
 * of everything sent before and flushed, so the peer can decode it at once. Used by one channel's
 * encoder only, in write order. The level follows the stream's rate ({@link StreamLevel}); zstd only takes a
 * new level at a frame's start, so a change ends the current frame with the payload at hand (the next frame
 * starts without the history, once per change). Tables are capped (2 MiB window, 2^19 hash and chain entries:
 * ~6 MB per connection whatever the level).
 */
public final class StreamCompressor implements AutoCloseable {

    /** The window our senders use (2 MiB); receivers refuse larger ones. */
    static final int WINDOW_LOG = 21;
    private static final int TABLE_LOG = 19;

    private final ZstdCompressCtx ctx = new ZstdCompressCtx();
    private final StreamLevel levels;
    private int level;
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private ByteBuffer out = ByteBuffer.allocateDirect(0);

    public StreamCompressor() {
        this(System::nanoTime);
    }

    StreamCompressor(LongSupplier nanoTime) {
        this.levels = new StreamLevel(nanoTime);
        configure(StreamLevel.ULTRA);
    }

    private void configure(int newLevel) {
        level = newLevel;
        boolean fast = newLevel <= StreamLevel.BULK; // level 3's own tables: 2^17 hash, 2^16 chain
        ctx.setLevel(newLevel).setWindowLog(WINDOW_LOG).setHashLog(fast ? 17 : TABLE_LOG)
                .setChainLog(fast ? 16 : TABLE_LOG);
    }

    /** The level the next frame starts with (the current one's, unless a payload changed it). */
    int level() {
        return level;
    }

    public byte[] compress(byte[] raw) {
        int wanted = levels.next(raw.length);
        if (in.capacity() < raw.length) {
            in = ByteBuffer.allocateDirect(raw.length);
        }
        int bound = (int) Math.min(Integer.MAX_VALUE - 8, Zstd.compressBound(raw.length) + 1024);
        if (out.capacity() < bound) {
            out = ByteBuffer.allocateDirect(bound);
        }
        in.clear();
        in.put(raw).flip();
        out.clear();
        EndDirective end = wanted == level ? EndDirective.FLUSH : EndDirective.END;
        while (!ctx.compressDirectByteBufferStream(out, in, end)) {
            if (!out.hasRemaining()) {
                throw new IllegalStateException("zstd produced more than its bound for " + raw.length + " bytes");
            }
        }
        if (wanted != level) {
            configure(wanted);
        }
        out.flip();
        byte[] packed = new byte[out.remaining()];
        out.get(packed);
        return packed;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
