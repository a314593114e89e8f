package dev.deltasync.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/** The per-connection zstd stream: order-preserving round trips, gains across payloads, bounds, corruption. */
class StreamCompressionTest {

    private static byte[] smallTextFile(int i) {
        return ("# config file " + i + "\nname = service-" + i + "\nport = " + (8000 + i)
                + "\nlog.level = info\nlog.format = json\nretries = 3\ntimeout.ms = 2500\n")
                .repeat(8).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void payloadsRoundTripInOrderAndLaterOnesCostLittle() {
        try (StreamCompressor out = new StreamCompressor(); StreamDecompressor in = new StreamDecompressor()) {
            long raw = 0;
            long packed = 0;
            for (int i = 0; i < 200; i++) {
                byte[] file = smallTextFile(i);
                byte[] wire = out.compress(file);
                assertThat(in.inflate(wire, 1 << 20)).isEqualTo(file);
                raw += file.length;
                packed += wire.length;
            }
            long alone = FrameCompression.compressIfUseful(new Frame(23, 0, 1, smallTextFile(7))).payload().length;
            assertThat(packed / 200.0).as("one payload in the stream vs compressed alone (%d bytes)", alone)
                    .isLessThan(alone / 3.0);
            assertThat(packed).isLessThan(raw / 10);
        }
    }

    @Test
    void randomDataStillRoundTrips() {
        byte[] noise = new byte[300_000];
        new Random(5).nextBytes(noise);
        try (StreamCompressor out = new StreamCompressor(); StreamDecompressor in = new StreamDecompressor()) {
            assertThat(in.inflate(out.compress(noise), 1 << 20)).isEqualTo(noise);
        }
    }

    @Test
    void aPayloadInflatingBeyondTheBoundIsAProtocolError() {
        byte[] zeros = new byte[2_000_000];
        try (StreamCompressor out = new StreamCompressor(); StreamDecompressor in = new StreamDecompressor()) {
            byte[] wire = out.compress(zeros);
            assertThatThrownBy(() -> in.inflate(wire, 1_000_000)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("limit");
        }
    }

    @Test
    void garbageIsAProtocolError() {
        byte[] garbage = new byte[500];
        new Random(9).nextBytes(garbage);
        try (StreamDecompressor in = new StreamDecompressor()) {
            assertThatThrownBy(() -> in.inflate(garbage, 1 << 20)).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void throughNettyDataIsStreamCompressedOnceEnabledAndArrivesIntact() {
        ByteCounter counter = new ByteCounter();
        EmbeddedChannel sender = new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.encoders(1 << 22, counter)));
        EmbeddedChannel receiver = new EmbeddedChannel(WireCodecs.forOneChannel(WireCodecs.decoders(1 << 22)));
        StreamCompressionEncoder.enable(sender);
        for (int i = 0; i < 50; i++) {
            Frame data = MessageCodec.encode(new Data(smallTextFile(i)), i);
            sender.writeOutbound(data);
            Object bytes;
            while ((bytes = sender.readOutbound()) != null) {
                receiver.writeInbound(bytes);
            }
            Frame arrived = receiver.readInbound();
            assertThat(arrived.flags() & Frame.STREAM_COMPRESSED).isZero();
            assertThat(MessageCodec.decode(arrived)).isEqualTo(new Data(smallTextFile(i)));
        }
        assertThat(counter.sent()).isLessThan(50L * smallTextFile(0).length / 5);
    }
}
