package dev.deltasync.wire;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.AttributeKey;

/**
 * Compresses every outgoing frame after the handshake (requests, manifests, data, answers) as one zstd
 * stream per connection, once both sides agreed on
 * {@link Capabilities#ZSTD_STREAM} (see {@link #enable}). Runs on the channel's event loop, so frames are
 * compressed in exactly the order they go on the wire. One instance per channel.
 * <p>
 * A connection that has compressed nothing for {@link #IDLE_NANOS} gives its zstd context back (~6 MB of native
 * memory, most of a live client's cost on the server): the next {@link Heartbeat} it sends (both sides send one
 * every heartbeat period) goes through the stream as the end of the zstd frame, and the context is freed. The
 * peer's decoder sees the frame end and frees its own. The next payload starts a new frame. Done here, on the
 * event loop that runs every write, so a release never races a write; driven by the heartbeats that flow anyway,
 * so it needs no timer of its own.
 */
public final class StreamCompressionEncoder extends MessageToMessageEncoder<Frame> {

    static final AttributeKey<Boolean> ENABLED = AttributeKey.valueOf("deltasync.zstd-stream");

    /**
     * Shorter payloads (an End, a key or two, an id) go as they are: a zstd flush adds a 3-byte block header and
     * more, and so few bytes hardly ever compress. The receiver sees from the frame's flag which it got.
     */
    static final int MIN_PAYLOAD = 24;

    /**
     * How long a connection compresses nothing before it frees its context. A sync's requests and answers follow
     * each other within milliseconds, so a burst keeps its history; each release costs the next burst a new frame
     * (~6 bytes of header, and no history to match against).
     */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final LongSupplier nanoTime;
    private StreamCompressor compressor;

    public StreamCompressionEncoder() {
        this(System::nanoTime);
    }

    StreamCompressionEncoder(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether this channel holds a zstd context now (for tests). */
    boolean isHoldingContext() {
        return compressor != null && compressor.isHoldingContext();
    }

    /** Starts compressing this channel's outgoing data as a stream (after the handshake agreed on it). */
    public static void enable(io.netty.channel.Channel channel) {
        channel.attr(ENABLED).set(Boolean.TRUE);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (frame.type() == MessageType.HEARTBEAT.code() && !frame.isCompressed() && compressor != null
                && compressor.idleFor(IDLE_NANOS)) {
            out.add(new Frame(frame.type(), frame.flags() | Frame.STREAM_COMPRESSED, frame.requestId(),
                    compressor.compressAndRelease(frame.payload())));
            return;
        }
        if (frame.type() < MessageType.MANIFEST_REQUEST.code() || frame.isCompressed()
                || frame.payload().length < MIN_PAYLOAD
                || !Boolean.TRUE.equals(ctx.channel().attr(ENABLED).get())) {
            out.add(frame);
            return;
        }
        if (compressor == null) {
            compressor = new StreamCompressor(nanoTime);
        }
        out.add(new Frame(frame.type(), frame.flags() | Frame.STREAM_COMPRESSED, frame.requestId(),
                compressor.compress(frame.payload())));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (compressor != null) {
            compressor.close();
            compressor = null;
        }
    }
}
