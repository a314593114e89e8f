package dev.deltasync.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Sends whatever is written to it as the Data frames of one request, each carrying at most one chunk,
 * zstd-compressed when compression was negotiated and the chunk shrinks by at least 3 %.
 * {@link #close()} sends {@code End(length, sha256)} of the raw bytes written, so the receiver can check the
 * stream arrived whole; {@link #abort} sends an Error instead. Not thread-safe: one writer per stream.
 */
public final class FrameOutputStream extends OutputStream {

    private final FrameSink sink;
    private final int requestId;
    private final boolean compress;
    private final byte[] chunk;
    private final MessageDigest digest;
    private int buffered;
    private long written;
    private long payloadBytesSent;
    private boolean closed;

    /**
     * @param chunkSize raw bytes per Data frame; must leave room for the frame header under the peer's bound
     * @param compress  whether both sides agreed on {@link Capabilities#ZSTD}
     */
    public FrameOutputStream(FrameSink sink, int requestId, int chunkSize, boolean compress) {
        this(sink, requestId, chunkSize, compress, true);
    }

    /**
     * @param withSha256 whether End carries the SHA-256 of the stream; a payload that checks itself (the
     *                   engine's signatures and deltas end with a CRC32C, deltas also with the result's
     *                   SHA-256) can skip it and save 32 bytes of entropy per stream
     */
    public FrameOutputStream(FrameSink sink, int requestId, int chunkSize, boolean compress, boolean withSha256) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, not " + chunkSize);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.requestId = requestId;
        this.compress = compress;
        this.chunk = new byte[chunkSize];
        this.digest = withSha256 ? sha256() : null;
    }

    /** A stream with the default chunk size, capped so every frame fits under {@code maxFrame}. */
    public static FrameOutputStream open(FrameSink sink, int requestId, int maxFrame, boolean compress) {
        return new FrameOutputStream(sink, requestId,
                WireLimits.chunkSize(WireLimits.DEFAULT_CHUNK_SIZE, maxFrame), compress);
    }

    /** As {@link #open}, for payloads that carry their own checksums (no SHA-256 in End). */
    public static FrameOutputStream openSelfChecking(FrameSink sink, int requestId, int maxFrame, boolean compress) {
        return new FrameOutputStream(sink, requestId,
                WireLimits.chunkSize(WireLimits.DEFAULT_CHUNK_SIZE, maxFrame), compress, false);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        chunk[buffered++] = (byte) b;
        written++;
        if (buffered == chunk.length) {
            sendChunk();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        while (length > 0) {
            int n = Math.min(length, chunk.length - buffered);
            System.arraycopy(bytes, offset, chunk, buffered, n);
            buffered += n;
            written += n;
            offset += n;
            length -= n;
            if (buffered == chunk.length) {
                sendChunk();
            }
        }
    }

    /** Does not send a partial chunk: frames stay full-sized; {@link #close()} sends the rest. */
    @Override
    public void flush() {
    }

    /** Sends the buffered bytes, then End with the length and SHA-256 of everything written. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (buffered > 0) {
            sendChunk();
        }
        closed = true;
        End end = new End(written, digest == null ? "" : HexFormat.of().formatHex(digest.digest()));
        sink.send(MessageCodec.encode(end, requestId));
    }

    /** Ends the stream with an Error instead of End: the receiver discards what it got. */
    public void abort(int code, String text) {
        if (closed) {
            return;
        }
        closed = true;
        sink.send(MessageCodec.encode(new Error(code, text), requestId));
    }

    /** Raw bytes written so far. */
    public long bytesWritten() {
        return written;
    }

    /** Payload bytes handed to the sink in Data frames (after compression). */
    public long payloadBytesSent() {
        return payloadBytesSent;
    }

    private void sendChunk() {
        Frame frame = MessageCodec.encode(new Data(Arrays.copyOf(chunk, buffered)), requestId);
        if (digest != null) {
            digest.update(chunk, 0, buffered);
        }
        buffered = 0;
        if (compress) {
            frame = FrameCompression.compressIfUseful(frame);
        }
        payloadBytesSent += frame.payload().length;
        sink.send(frame);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream for request " + requestId + " is already closed");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
