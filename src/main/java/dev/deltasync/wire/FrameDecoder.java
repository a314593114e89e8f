package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Turns one length-delimited frame (prefix already stripped by {@link LengthPrefixDecoder}) into a {@link Frame}.
 * Checks the header only; payloads are checked by {@link MessageCodec}.
 */
@ChannelHandler.Sharable
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final ByteCounter total;

    /** @param total also counts every byte received, across channels; may be null */
    public FrameDecoder(ByteCounter total) {
        super(ByteBuf.class);
        this.total = total;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = in.readableBytes();
        Frame frame = FrameHeader.read(in);
        long wireBytes = (long) length + FrameHeader.varintSize(length);
        ByteCounter.of(ctx.channel()).addReceived(wireBytes);
        if (total != null) {
            total.addReceived(wireBytes);
        }
        out.add(frame);
    }
}
