package dev.deltasync.camel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameSink;
import dev.deltasync.wire.StreamCompressionEncoder;

/**
 * Writes frames to a Netty channel. When the channel's outbound buffer is over its high-water mark
 * the writer waits for its frame to be flushed: a slow peer slows its own transfers down instead of
 * filling our memory. Never called from the channel's event loop (Camel hands frames to a worker pool).
 */
final class NettyFrameSink implements FrameSink {

    private final Channel channel;

    NettyFrameSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void handshakeDone() {
        StreamCompressionEncoder.enable(channel);
    }

    @Override
    public void send(Frame frame) {
        if (!channel.isActive()) {
            throw new IllegalStateException("the connection to " + channel.remoteAddress() + " is closed");
        }
        ChannelFuture written = channel.writeAndFlush(frame);
        if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            written.awaitUninterruptibly();
        }
    }
}
