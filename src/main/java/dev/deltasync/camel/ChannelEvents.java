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
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        listener.closed(ctx.channel());
        super.channelInactive(ctx);
    }
}
