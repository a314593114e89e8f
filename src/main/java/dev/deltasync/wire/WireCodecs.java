package dev.deltasync.wire;

import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The handler lists camel-netty takes as {@code encoders=#bean} and {@code decoders=#bean}. Stateful handlers
 * are {@link ChannelHandlerFactory} instances, so camel-netty makes a fresh one for every channel.
 */
public final class WireCodecs {

    private WireCodecs() {
    }

    /** Length prefix, frame header, then a handler that logs and closes the connection on protocol errors. */
    public static List<ChannelHandler> decoders(int maxFrame) {
        return decoders(maxFrame, null);
    }

    /** As {@link #decoders(int)}, also counting received bytes into {@code total} (may be null). */
    public static List<ChannelHandler> decoders(int maxFrame, ByteCounter total) {
        WireLimits.checkMaxFrame(maxFrame);
        return List.of(lengthPrefixDecoderFactory(maxFrame), new FrameDecoder(total),
                perChannel(() -> new StreamDecompressionDecoder(maxFrame)), new ProtocolErrorHandler());
    }

    /**
     * As {@link #decoders(int, ByteCounter)} with {@code gate} right after the frame decoder: it sees every frame
     * before anything inflates it (the server's handshake guard); frames before the client's Auth are held to
     * {@link WireLimits#HANDSHAKE_MAX_FRAME}.
     */
    public static List<ChannelHandler> decoders(int maxFrame, ByteCounter total, ChannelHandler gate) {
        WireLimits.checkMaxFrame(maxFrame);
        return List.of(perChannel(() -> LengthPrefixDecoder.boundedUntilAuth(maxFrame)), new FrameDecoder(total), gate,
                perChannel(() -> new StreamDecompressionDecoder(maxFrame)), new ProtocolErrorHandler());
    }

    public static List<ChannelHandler> encoders(int maxFrame) {
        return encoders(maxFrame, null);
    }

    /** As {@link #encoders(int)}, also counting sent bytes into {@code total} (may be null). */
    public static List<ChannelHandler> encoders(int maxFrame, ByteCounter total) {
        WireLimits.checkMaxFrame(maxFrame);
        // outbound handlers run last to first: data is stream-compressed, then framed and counted; a frame
        // encoded once for many channels passes both and goes out as it is
        return List.of(new SharedFrameEncoder(total), new FrameEncoder(maxFrame, total),
                perChannel(StreamCompressionEncoder::new));
    }

    /** The handlers for one channel: factories replaced by the handler they make (for tests and plain Netty). */
    public static ChannelHandler[] forOneChannel(List<ChannelHandler> handlers) {
        List<ChannelHandler> out = new ArrayList<>(handlers.size());
        for (ChannelHandler h : handlers) {
            out.add(h instanceof ChannelHandlerFactory f ? f.newChannelHandler() : h);
        }
        return out.toArray(ChannelHandler[]::new);
    }

    private static ChannelHandlerFactory lengthPrefixDecoderFactory(int maxFrame) {
        return perChannel(() -> new LengthPrefixDecoder(maxFrame));
    }

    /** A stateful handler: camel-netty asks the factory for a new one on every channel. */
    private static ChannelHandlerFactory perChannel(java.util.function.Supplier<ChannelHandler> make) {
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return make.get();
            }
        };
    }
}
