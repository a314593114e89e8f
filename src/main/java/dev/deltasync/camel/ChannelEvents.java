package dev.deltasync.camel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import dev.deltasync.wire.Frame;
import dev.deltasync.wire.Heartbeat;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.MessageType;

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

        /** A frame is handed on to the worker queue (counted for back-pressure). */
        default void queued(Channel channel, Frame frame) {
        }

        /** The channel's outbound buffer fell below (or rose above) its high-water mark. */
        default void writabilityChanged(Channel channel) {
        }

        /** Whether this side answers heartbeats (the server does, right here on the I/O thread). */
        default boolean answersHeartbeats() {
            return false;
        }
    }

    /** A peer that stops reading gets no more heartbeat answers once this much is waiting for it. */
    static final long HEARTBEAT_BACKLOG = 256 * 1024;

    private final Listener listener;

    ChannelEvents(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        listener.opened(ctx.channel());
        super.channelActive(ctx);
    }

    /**
     * Heartbeats are answered here, before the frame joins the worker queue, so that a server busy with a
     * long request (patching a big file) still answers within the heartbeat interval; not to a peer that has left
     * more than {@link #HEARTBEAT_BACKLOG} unread, whose answers would only pile up in our memory.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        listener.heard(ctx.channel());
        if (listener.answersHeartbeats() && msg instanceof Frame frame
                && frame.type() == MessageType.HEARTBEAT.code()) {
            if (ctx.channel().bytesBeforeWritable() < HEARTBEAT_BACKLOG) {
                ctx.writeAndFlush(MessageCodec.encode(new Heartbeat(System.currentTimeMillis()), frame.requestId()));
            }
            return;
        }
        if (msg instanceof Frame frame) {
            listener.queued(ctx.channel(), frame);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        listener.writabilityChanged(ctx.channel());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        listener.closed(ctx.channel());
        super.channelInactive(ctx);
    }
}
