package dev.deltasync.camel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Tells a listener when a connection opens and closes, so sessions live exactly as long as their
 * channel. Added to the netty endpoint's decoders (it passes every message on untouched).
 */
@Sharable
final class ChannelEvents extends ChannelInboundHandlerAdapter {

    interface Listener {
        void opened(Channel channel);

        void closed(Channel channel);

        /** Something arrived (seen on the I/O thread, so a peer busy with a long request still counts as alive). */
        default void heard(Channel channel) {
        }
    }

    private final Listener listener;

    ChannelEvents(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        listener.opened(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        listener.heard(ctx.channel());
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        listener.closed(ctx.channel());
        super.channelInactive(ctx);
    }
}
