package dev.deltasync.wire;

import java.nio.ByteBuffer;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * One direction of a connection as a single zstd stream: each payload is compressed with the context
 * of everything sent before and flushed, so the peer can decode it at once. Used by one channel's
 * encoder only, in write order.
 */
public final class StreamCompressor implements AutoCloseable {

    private final ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(FrameCompression.LEVEL);
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private ByteBuffer out = ByteBuffer.allocateDirect(0);

    public byte[] compress(byte[] raw) {
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
        while (!ctx.compressDirectByteBufferStream(out, in, EndDirective.FLUSH)) {
            if (!out.hasRemaining()) {
                throw new IllegalStateException("zstd produced more than its bound for " + raw.length + " bytes");
            }
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
