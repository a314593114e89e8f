package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/** Embedded Netty channels wired with the real codec lists. */
final class WireChannels {

    private WireChannels() {
    }

    static EmbeddedChannel decoding(int maxFrame) {
        return new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.decoders(maxFrame)));
    }

    /** Decoders without the closing handler, so errors surface to the test. */
    static EmbeddedChannel decodingRaw(int maxFrame) {
        return new EmbeddedChannel(new LengthPrefixDecoder(maxFrame), new FrameDecoder(null));
    }

    static EmbeddedChannel encoding(int maxFrame) {
        return new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.encoders(maxFrame)));
    }

    /** The bytes the encoder puts on the socket for one frame. */
    static byte[] wireBytes(Frame frame) {
        EmbeddedChannel channel = encoding(WireLimits.DEFAULT_MAX_FRAME);
        channel.writeOutbound(frame);
        ByteBuf buf = channel.readOutbound();
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        channel.finishAndReleaseAll();
        return bytes;
    }
}
