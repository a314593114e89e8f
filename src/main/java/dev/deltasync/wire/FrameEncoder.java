package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link Frame} with its length prefix and header ({@link FrameHeader}). Refuses frames over the bound
 * on the sending side, because an oversized frame would only make the peer drop the connection.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

    private final int maxFrame;
    private final ByteCounter total;

    /** @param total also counts every byte written, across channels; may be null */
    public FrameEncoder(int maxFrame, ByteCounter total) {
        super(Frame.class);
        this.maxFrame = maxFrame;
        this.total = total;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        if (frame.frameLength() > maxFrame) {
            throw new ProtocolException("refusing to send a frame of " + frame.frameLength() + " bytes (type "
                    + frame.type() + ", request " + frame.requestId() + "): the limit is " + maxFrame);
        }
        out.ensureWritable(frame.wireLength());
        FrameHeader.write(frame, out);
        ByteCounter.of(ctx.channel()).addSent(frame.wireLength());
        if (total != null) {
            total.addSent(frame.wireLength());
        }
    }
}
