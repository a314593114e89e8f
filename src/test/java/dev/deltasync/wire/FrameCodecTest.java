package dev.deltasync.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    private static final int MAX = WireLimits.MIN_MAX_FRAME;

    @Test
    void everySampleMessageCrossesTheChannelPipeline() {
        EmbeddedChannel out = WireChannels.encoding(MAX);
        EmbeddedChannel in = WireChannels.decoding(MAX);
        List<Message> samples = SampleMessages.all();

        for (int i = 0; i < samples.size(); i++) {
            out.writeOutbound(MessageCodec.encode(samples.get(i), i));
        }
        Object buf;
        while ((buf = out.readOutbound()) != null) {
            in.writeInbound(buf);
        }

        for (int i = 0; i < samples.size(); i++) {
            Frame frame = in.readInbound();
            assertThat(frame.requestId()).isEqualTo(i);
            assertThat(MessageCodec.decode(frame)).isEqualTo(samples.get(i));
        }
        assertThat((Object) in.readInbound()).isNull();
    }

    @Test
    void frameSplitAcrossManyReadsIsReassembled() {
        Frame frame = MessageCodec.encode(new Data(new byte[5000]), 9);
        byte[] bytes = WireChannels.wireBytes(frame);
        EmbeddedChannel in = WireChannels.decoding(MAX);

        for (int i = 0; i < bytes.length; i += 7) {
            in.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(7, bytes.length - i)));
        }

        assertThat((Frame) in.readInbound()).isEqualTo(frame);
    }

    @Test
    void senderRefusesAnOversizedFrame() {
        EmbeddedChannel out = WireChannels.encoding(MAX);
        Frame tooBig = new Frame(MessageType.DATA.code(), 0, 1, new byte[MAX - 1]); // + 2 header bytes

        assertThatThrownBy(() -> out.writeOutbound(tooBig))
                .isInstanceOf(EncoderException.class)
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("the limit is " + MAX);
        assertThat((Object) out.readOutbound()).isNull();
    }

    @Test
    void frameExactlyAtTheLimitPasses() {
        Frame largest = new Frame(MessageType.DATA.code(), 0, 1, new byte[MAX - WireLimits.HEADER_BYTES]);
        EmbeddedChannel in = WireChannels.decoding(MAX);

        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(largest)));

        assertThat((Frame) in.readInbound()).isEqualTo(largest);
    }

    @Test
    void receiverRefusesAHugeDeclaredLengthBeforeReadingTheBody() {
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);
        byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 23}; // varint of 2^31 - 1

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(header)))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("the limit is " + MAX);
    }

    @Test
    void beforeTheAuthFrameAServerRefusesFramesOverTheHandshakeBound() {
        EmbeddedChannel in = new EmbeddedChannel(LengthPrefixDecoder.boundedUntilAuth(WireLimits.DEFAULT_MAX_FRAME),
                new FrameDecoder(null));
        Frame bigHello = new Frame(MessageType.HELLO.code(), 0, 1, new byte[WireLimits.HANDSHAKE_MAX_FRAME]);

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(bigHello))))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("before authentication")
                .hasMessageContaining("the limit is " + WireLimits.HANDSHAKE_MAX_FRAME);
    }

    @Test
    void afterTheAuthFrameTheFullBoundApplies() {
        EmbeddedChannel in = new EmbeddedChannel(LengthPrefixDecoder.boundedUntilAuth(WireLimits.DEFAULT_MAX_FRAME),
                new FrameDecoder(null));
        Frame auth = new Frame(MessageType.AUTH.code(), 0, 2, new byte[64]);
        Frame big = new Frame(MessageType.DATA.code(), 0, 3, new byte[1 << 20]);

        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(auth)));
        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(big)));

        assertThat((Frame) in.readInbound()).isEqualTo(auth);
        assertThat((Frame) in.readInbound()).isEqualTo(big);
    }

    /**
     * A client that got no answer to its Hello checks with a TLS handshake whether the server uses TLS. Read as
     * frames, that ClientHello began with a 22-byte Auth flagged COMPRESSED, which passed the handshake guard and
     * closed the connection with "compressed payload is not a zstd frame with a declared size".
     */
    @Test
    void aTlsHandshakeWhereTheFirstFrameShouldBeIsNamedAsSuch() throws Exception {
        EmbeddedChannel in = new EmbeddedChannel(LengthPrefixDecoder.boundedUntilAuth(WireLimits.DEFAULT_MAX_FRAME),
                new FrameDecoder(null));

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(tlsClientHello())))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("the peer opened with a TLS handshake and this side does not use TLS");
        assertThat((Object) in.readInbound()).as("no frame is made of its bytes").isNull();
    }

    @Test
    void aFirstFrameIsReadAsOneWhenLaterBytesLookLikeTls() {
        EmbeddedChannel in = new EmbeddedChannel(LengthPrefixDecoder.boundedUntilAuth(WireLimits.DEFAULT_MAX_FRAME),
                new FrameDecoder(null));
        Frame hello = new Frame(MessageType.HELLO.code(), 0, 1, new byte[20]);
        Frame auth = new Frame(MessageType.AUTH.code(), 0, 0, new byte[20]); // 0x16 0x03 on the wire, second

        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(hello)));
        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(auth)));

        assertThat((Frame) in.readInbound()).isEqualTo(hello);
        assertThat((Frame) in.readInbound()).isEqualTo(auth);
    }

    /** The first bytes a JDK TLS client sends. */
    private static byte[] tlsClientHello() throws Exception {
        javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine("localhost", 7070);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    @Test
    void aClientsDecoderHasNoHandshakeBound() {
        EmbeddedChannel in = WireChannels.decodingRaw(WireLimits.DEFAULT_MAX_FRAME);
        Frame big = new Frame(MessageType.CHALLENGE.code(), 0, 1, new byte[WireLimits.HANDSHAKE_MAX_FRAME * 4]);

        in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(big)));

        assertThat((Frame) in.readInbound()).isEqualTo(big);
    }

    @Test
    void receiverLogsAndClosesTheConnectionOnAProtocolError() {
        EmbeddedChannel in = WireChannels.decoding(MAX);

        io.netty.buffer.ByteBuf tooLong = Unpooled.buffer();
        FrameHeader.writeVarint(MAX + 1, tooLong);
        in.writeInbound(tooLong);

        assertThat(in.isOpen()).isFalse();
        assertThat((Object) in.readInbound()).isNull();
    }

    @Test
    void truncatedFrameIsDetectedWhenTheConnectionEnds() {
        byte[] bytes = WireChannels.wireBytes(MessageCodec.encode(new Mkdir("some/dir"), 4));
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);
        in.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(bytes, bytes.length - 2)));

        assertThat((Object) in.readInbound()).isNull();
        assertThatThrownBy(in::finish)
                .hasRootCauseInstanceOf(ProtocolException.class)
                .rootCause().hasMessageContaining("middle of a frame");
    }

    @Test
    void frameShorterThanItsHeaderIsRefused() {
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);
        byte[] bytes = {1, 23};

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(bytes)))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("shorter than any header");
    }

    @Test
    void aLengthLongerThanFiveVarintBytesIsRefused() {
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);
        byte[] bytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(bytes)))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("not a varint of at most 5 bytes");
    }

    @Test
    void aRequestIdOverThirtyTwoBitsIsRefused() {
        io.netty.buffer.ByteBuf body = Unpooled.buffer();
        body.writeByte(MessageType.ACK.code());
        FrameHeader.writeVarint(1L << 36, body); // id 2^32, no flags
        io.netty.buffer.ByteBuf framed = Unpooled.buffer();
        FrameHeader.writeVarint(body.readableBytes(), framed);
        framed.writeBytes(body);
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);

        assertThatThrownBy(() -> in.writeInbound(framed))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("request id over 32 bits");
    }

    @Test
    void serverPushIdsAndLargeIdsSurviveTheVarintHeader() {
        for (int id : new int[] {0, 1, 15, 16, 2047, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
            Frame frame = new Frame(MessageType.END.code(), Frame.LAST, id, new byte[] {1, 2});
            EmbeddedChannel in = WireChannels.decoding(MAX);
            in.writeInbound(Unpooled.wrappedBuffer(WireChannels.wireBytes(frame)));

            assertThat((Frame) in.readInbound()).as("request id " + id).isEqualTo(frame);
        }
    }

    @Test
    void unknownFlagsAreRefused() {
        byte[] bytes = WireChannels.wireBytes(MessageCodec.encode(new Ack(), 1));
        bytes[2] |= 0x08; // the reserved fourth flag bit (request id 1 sits above the flags)
        EmbeddedChannel in = WireChannels.decodingRaw(MAX);

        assertThatThrownBy(() -> in.writeInbound(Unpooled.wrappedBuffer(bytes)))
                .hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown flags");
    }

    @Test
    void bytesOnTheWireAreCountedPerChannelAndInTotal() {
        ByteCounter sentTotal = new ByteCounter();
        ByteCounter receivedTotal = new ByteCounter();
        EmbeddedChannel out = new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.encoders(MAX, sentTotal)));
        EmbeddedChannel in = new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.decoders(MAX, receivedTotal)));
        Frame a = MessageCodec.encode(new Data(new byte[1000]), 1);
        Frame b = MessageCodec.encode(new Ack(), 2);

        out.writeOutbound(a, b);
        long onWire = 0;
        Object buf;
        while ((buf = out.readOutbound()) != null) {
            onWire += ((io.netty.buffer.ByteBuf) buf).readableBytes();
            in.writeInbound(buf);
        }

        // Data: 2-byte length (1002), type, id-and-flags; Ack: 1-byte length, type, id-and-flags
        assertThat(onWire).isEqualTo(a.wireLength() + b.wireLength()).isEqualTo(1000 + 4 + 3);
        assertThat(ByteCounter.of(out).sent()).isEqualTo(onWire);
        assertThat(sentTotal.sent()).isEqualTo(onWire);
        assertThat(ByteCounter.of(in).received()).isEqualTo(onWire);
        assertThat(receivedTotal.received()).isEqualTo(onWire);
    }
}
