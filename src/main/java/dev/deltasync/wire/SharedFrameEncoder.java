package dev.deltasync.wire;

import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/** Puts a {@link SharedFrame}'s bytes on the socket as they are, counting them like any frame. */
@ChannelHandler.Sharable
final class SharedFrameEncoder extends MessageToMessageEncoder<SharedFrame.Write> {

    private final ByteCounter total;

    SharedFrameEncoder(ByteCounter total) {
        super(SharedFrame.Write.class);
        this.total = total;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SharedFrame.Write write, List<Object> out) {
        int bytes = write.bytes().readableBytes();
        ByteCounter.of(ctx.channel()).addSent(bytes);
        if (total != null) {
            total.addSent(bytes);
        }
        out.add(write.bytes());
    }
}
