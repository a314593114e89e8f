package dev.deltasync.wire;

import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.util.AttributeKey;

/**
 * Compresses every outgoing frame after the handshake (requests, manifests, data, answers) as one zstd
 * stream per connection, once both sides agreed on
 * {@link Capabilities#ZSTD_STREAM} (see {@link #enable}). Runs on the channel's event loop, so frames are
 * compressed in exactly the order they go on the wire. One instance per channel.
 */
public final class StreamCompressionEncoder extends MessageToMessageEncoder<Frame> {

    static final AttributeKey<Boolean> ENABLED = AttributeKey.valueOf("deltasync.zstd-stream");

    /**
     * Shorter payloads (an End, a key or two, an id) go as they are: a zstd flush adds a 3-byte block header and
     * more, and so few bytes hardly ever compress. The receiver sees from the frame's flag which it got.
     */
    static final int MIN_PAYLOAD = 24;

    private StreamCompressor compressor;

    /** Starts compressing this channel's outgoing data as a stream (after the handshake agreed on it). */
    public static void enable(io.netty.channel.Channel channel) {
        channel.attr(ENABLED).set(Boolean.TRUE);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (frame.type() < MessageType.MANIFEST_REQUEST.code() || frame.isCompressed()
                || frame.payload().length < MIN_PAYLOAD
                || !Boolean.TRUE.equals(ctx.channel().attr(ENABLED).get())) {
            out.add(frame);
            return;
        }
        if (compressor == null) {
            compressor = new StreamCompressor();
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
