package dev.deltasync.wire;

import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/** Inflates incoming stream-compressed frames (in arrival order, on the I/O thread). One instance per channel. */
public final class StreamDecompressionDecoder extends MessageToMessageDecoder<Frame> {

    private final int maxFrame;
    private StreamDecompressor decompressor;

    public StreamDecompressionDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if ((frame.flags() & Frame.STREAM_COMPRESSED) == 0) {
            out.add(frame);
            return;
        }
        if (decompressor == null) {
            decompressor = new StreamDecompressor();
        }
        byte[] raw = decompressor.inflate(frame.payload(), WireLimits.maxPayload(maxFrame));
        out.add(new Frame(frame.type(), frame.flags() & ~Frame.STREAM_COMPRESSED, frame.requestId(), raw));
    }

    /** Whether this channel holds a zstd decoder now (for tests). */
    boolean isHoldingContext() {
        return decompressor != null && decompressor.isHoldingContext();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (decompressor != null) {
            decompressor.close();
            decompressor = null;
        }
    }
}
