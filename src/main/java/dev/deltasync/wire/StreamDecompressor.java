package dev.deltasync.wire;

import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdDecompressCtx;

/** The receiving end of {@link StreamCompressor}: inflates each payload, in arrival order, within a bound. */
public final class StreamDecompressor implements AutoCloseable {

    private static final int INITIAL = 64 * 1024;

    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private ByteBuffer out = ByteBuffer.allocateDirect(INITIAL);

    /** The raw bytes of the next payload; more than {@code maxSize} of them is a protocol error. */
    public byte[] inflate(byte[] packed, int maxSize) {
        if (in.capacity() < packed.length) {
            in = ByteBuffer.allocateDirect(packed.length);
        }
        in.clear();
        in.put(packed).flip();
        out.clear();
        try {
            while (true) {
                ctx.decompressDirectByteBufferStream(out, in);
                if (out.hasRemaining() && !in.hasRemaining()) {
                    break;
                }
                if (!out.hasRemaining()) {
                    grow(maxSize);
                }
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtocolException("corrupt compressed stream: " + e.getMessage(), e);
        }
        out.flip();
        byte[] raw = new byte[out.remaining()];
        out.get(raw);
        return raw;
    }

    private void grow(int maxSize) {
        if (out.capacity() >= maxSize) {
            throw new ProtocolException("a compressed payload inflates to more than the limit of " + maxSize + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.min(maxSize, 2L * out.capacity()));
        out.flip();
        bigger.put(out);
        out = bigger;
    }

    @Override
    public void close() {
        ctx.close();
    }
}
