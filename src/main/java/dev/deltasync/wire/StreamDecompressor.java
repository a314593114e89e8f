package dev.deltasync.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdDirectBufferDecompressingStreamNoFinalizer;

/**
 * The receiving end of {@link StreamCompressor}: inflates each payload, in arrival order, within a bound. A zstd
 * frame asking for a larger window than our senders use ({@link StreamCompressor#WINDOW_LOG}) is refused before
 * zstd allocates it: a peer cannot make us hold 128 MiB per connection with a few bytes.
 */
public final class StreamDecompressor implements AutoCloseable {

    private static final int INITIAL = 64 * 1024;

    private Inflater zstd;
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
            Inflater stream = stream();
            stream.feed(in);
            while (true) {
                stream.read(out);
                if (out.hasRemaining() && !in.hasRemaining()) {
                    break;
                }
                if (!out.hasRemaining()) {
                    grow(maxSize);
                }
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("corrupt compressed stream (or one asking for a window above "
                    + (1 << StreamCompressor.WINDOW_LOG) + " bytes): " + e.getMessage(), e);
        }
        out.flip();
        byte[] raw = new byte[out.remaining()];
        out.get(raw);
        return raw;
    }

    /**
     * The zstd stream, renewed after a frame that ended with its payload (the sender starts a new frame when its
     * level changes; a new frame carries no history, so a new decoder loses nothing).
     */
    private Inflater stream() throws IOException {
        if (zstd != null && !zstd.hasRemaining()) {
            zstd.close();
            zstd = null;
        }
        if (zstd == null) {
            zstd = new Inflater(in);
            zstd.setLongMax(StreamCompressor.WINDOW_LOG);
        }
        return zstd;
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
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    /** zstd's streaming decoder, fed one payload at a time. */
    private static final class Inflater extends ZstdDirectBufferDecompressingStreamNoFinalizer {

        Inflater(ByteBuffer first) {
            super(first);
        }

        void feed(ByteBuffer payload) {
            source = payload;
        }
    }
}
