package dev.deltasync.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdDirectBufferDecompressingStreamNoFinalizer;

import io.netty.util.internal.PlatformDependent;

/**
 * The receiving end of {@link StreamCompressor}: inflates each payload, in arrival order, within a bound. A zstd
 * frame asking for a larger window than our senders use ({@link StreamCompressor#WINDOW_LOG}) is refused before
 * zstd allocates it: a peer cannot make us hold 128 MiB per connection with a few bytes. A payload that ends a
 * frame (the sender's level changed, or its connection went idle) frees the decoder and its buffers: a new frame
 * carries no history, so the next payload's new decoder loses nothing, and an idle connection holds no native
 * memory.
 */
public final class StreamDecompressor implements AutoCloseable {

    private static final int INITIAL = 64 * 1024;

    private Inflater zstd;
    private ByteBuffer in;
    private ByteBuffer out;

    /** The raw bytes of the next payload; more than {@code maxSize} of them is a protocol error. */
    public byte[] inflate(byte[] packed, int maxSize) {
        if (in == null || in.capacity() < packed.length) {
            free(in);
            in = ByteBuffer.allocateDirect(packed.length);
        }
        if (out == null) {
            out = ByteBuffer.allocateDirect(Math.min(INITIAL, Math.max(1, maxSize)));
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
        if (!zstd.hasRemaining()) {
            close(); // the frame ended with this payload
        }
        return raw;
    }

    /** Whether a zstd decoder (and its buffers) is allocated: only in the middle of a frame. */
    public boolean isHoldingContext() {
        return zstd != null;
    }

    private Inflater stream() throws IOException {
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
        free(out);
        out = bigger;
    }

    /** Direct buffers are freed at once: left to the GC, a connection's could stay for a long time. */
    private static void free(ByteBuffer buffer) {
        if (buffer != null) {
            PlatformDependent.freeDirectBuffer(buffer);
        }
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
        free(in);
        free(out);
        in = null;
        out = null;
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
