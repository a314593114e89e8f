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
    void aBulkStreamDropsToAFastLevelAndALightOneComesBackAndEveryPayloadStillRoundTrips() {
        long[] now = {0};
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ("abcdefghij".charAt(i % 10) + i / 4096 % 7);
        }
        try (StreamCompressor out = new StreamCompressor(() -> now[0]); StreamDecompressor in = new StreamDecompressor()) {
            assertThat(out.level()).as("a new stream is a trickle").isEqualTo(StreamLevel.ULTRA);
            for (int i = 0; i < 40; i++) { // 40 MiB within 40 ms: bulk
                assertThat(in.inflate(out.compress(chunk), 2 << 20)).isEqualTo(chunk);
                now[0] += 1_000_000;
            }
            assertThat(out.level()).isEqualTo(StreamLevel.BULK);
            now[0] += 10_000_000_000L;
            for (int i = 0; i < 20; i++) { // 20 small files at once: a light stream
                byte[] file = smallTextFile(i);
                assertThat(in.inflate(out.compress(file), 1 << 20)).isEqualTo(file);
            }
            byte[] more = wordSoup(7, 2 << 20);
            assertThat(in.inflate(out.compress(more), 4 << 20)).isEqualTo(more);
            assertThat(out.level()).isEqualTo(StreamLevel.LIGHT);
            now[0] += 10_000_000_000L;
            byte[] edit = smallTextFile(99);
            assertThat(in.inflate(out.compress(edit), 1 << 20)).isEqualTo(edit);
            assertThat(out.level()).as("a trickle again").isEqualTo(StreamLevel.ULTRA);
            byte[] next = smallTextFile(100);
            assertThat(in.inflate(out.compress(next), 1 << 20)).isEqualTo(next);
        }
    }

    @Test
    void aLightStreamCompressesTextBetterThanTheBulkLevel() {
        long[] bulkClock = {0};
        long[] lightClock = {0};
        try (StreamCompressor light = new StreamCompressor(() -> lightClock[0] += 1_000_000_000L);
             StreamCompressor bulk = new StreamCompressor(() -> bulkClock[0])) {
            for (int i = 0; bulk.level() != StreamLevel.BULK; i++) { // 1 MiB payloads, the clock standing still
                assertThat(i).isLessThan(100);
                bulk.compress(wordSoup(1000 + i, 1 << 20));
            }
            long lightBytes = 0;
            long bulkBytes = 0;
            for (int i = 0; i < 8; i++) { // both from a new frame: same text, same (empty) history
                byte[] text = wordSoup(i, 256 * 1024);
                lightBytes += light.compress(text).length;
                bulkBytes += bulk.compress(text).length;
            }
            assertThat(light.level()).isEqualTo(StreamLevel.ULTRA);
            assertThat(bulk.level()).isEqualTo(StreamLevel.BULK);
            assertThat(lightBytes).isLessThan(bulkBytes * 97 / 100);
        }
    }

    /** Text-like bytes: words of a 2,000-word vocabulary, the common ones far more often (as in prose). */
    private static byte[] wordSoup(long seed, int size) {
        Random letters = new Random(42);
        String[] vocabulary = new String[2000];
        for (int w = 0; w < vocabulary.length; w++) {
            StringBuilder word = new StringBuilder();
            for (int c = 2 + letters.nextInt(7); c > 0; c--) {
                word.append((char) ('a' + letters.nextInt(26)));
            }
            vocabulary[w] = word.toString();
        }
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            double r = random.nextDouble();
            text.append(vocabulary[(int) (vocabulary.length * r * r * r)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
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

    /** A zstd frame header (no content size) asking for a window of 2^{@code windowLog} bytes, then a raw block. */
    static byte[] zstdFrameWithWindow(int windowLog, byte[] content) {
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.writeBytes(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, (byte) ((windowLog - 10) << 3)});
        int blockHeader = (content.length << 3) | 1; // last block, raw
        frame.writeBytes(new byte[] {(byte) blockHeader, (byte) (blockHeader >> 8), (byte) (blockHeader >> 16)});
        frame.writeBytes(content);
        return frame.toByteArray();
    }

    @Test
    void aFrameAskingForAWindowAboveOursIsRefusedAndOneWithinItIsRead() {
        byte[] content = "eleven byte".getBytes(StandardCharsets.UTF_8);
        try (StreamDecompressor in = new StreamDecompressor()) {
            assertThatThrownBy(() -> in.inflate(zstdFrameWithWindow(27, content), 1 << 20))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("window");
        }
        try (StreamDecompressor in = new StreamDecompressor()) {
            assertThat(in.inflate(zstdFrameWithWindow(21, content), 1 << 20)).isEqualTo(content);
            assertThat(in.inflate(zstdFrameWithWindow(20, content), 1 << 20)).as("a second frame").isEqualTo(content);
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

    @Test
    void aReleaseFreesBothEndsAndTheNextPayloadStartsAFrameThePeerReads() {
        try (StreamCompressor out = new StreamCompressor(); StreamDecompressor in = new StreamDecompressor()) {
            assertThat(out.isHoldingContext()).as("nothing allocated before the first payload").isFalse();
            for (int i = 0; i < 5; i++) {
                assertThat(in.inflate(out.compress(smallTextFile(i)), 1 << 20)).isEqualTo(smallTextFile(i));
            }
            assertThat(out.isHoldingContext()).isTrue();
            assertThat(in.isHoldingContext()).as("mid-frame, the decoder keeps its window").isTrue();

            byte[] last = {42, 7, 1};
            assertThat(in.inflate(out.compressAndRelease(last), 1 << 20)).isEqualTo(last);
            assertThat(out.isHoldingContext()).isFalse();
            assertThat(in.isHoldingContext()).as("the frame ended: the decoder is freed").isFalse();

            for (int i = 5; i < 10; i++) {
                assertThat(in.inflate(out.compress(smallTextFile(i)), 1 << 20)).isEqualTo(smallTextFile(i));
            }
            assertThat(out.isHoldingContext()).isTrue();
            assertThat(in.isHoldingContext()).isTrue();
        }
    }

    @Test
    void aStreamStartsWithSmallTablesAndTakesTheFullOnesOnceAFrameCarriesMore() {
        byte[] big = new byte[StreamCompressor.SMALL_FRAME_BYTES];
        new Random(5).nextBytes(big);
        try (StreamCompressor out = new StreamCompressor(); StreamDecompressor in = new StreamDecompressor()) {
            for (int i = 0; i < 20; i++) {
                assertThat(in.inflate(out.compress(smallTextFile(i)), 1 << 20)).isEqualTo(smallTextFile(i));
            }
            assertThat(out.windowLog()).as("small payloads: small tables").isEqualTo(StreamCompressor.SMALL_WINDOW_LOG);

            assertThat(in.inflate(out.compress(big), 1 << 20)).isEqualTo(big);
            assertThat(out.windowLog()).as("a big transfer: the full window").isEqualTo(StreamCompressor.WINDOW_LOG);
            for (int i = 0; i < 3; i++) {
                assertThat(in.inflate(out.compress(big), 1 << 20)).isEqualTo(big);
                assertThat(in.inflate(out.compress(smallTextFile(i)), 1 << 20)).isEqualTo(smallTextFile(i));
            }
            assertThat(out.windowLog()).isEqualTo(StreamCompressor.WINDOW_LOG);

            byte[] last = {1, 2, 3};
            assertThat(in.inflate(out.compressAndRelease(last), 1 << 20)).isEqualTo(last);
            assertThat(out.windowLog()).as("released: the next frame starts small again")
                    .isEqualTo(StreamCompressor.SMALL_WINDOW_LOG);
            assertThat(in.inflate(out.compress(smallTextFile(3)), 1 << 20)).isEqualTo(smallTextFile(3));
        }
    }

    @Test
    void aClosedCompressorRefusesToStartAFrameThePeerCouldNotTellFromTheOldOne() {
        StreamCompressor out = new StreamCompressor();
        out.compress(smallTextFile(1));
        out.close();
        assertThat(out.isHoldingContext()).isFalse();
        assertThatThrownBy(() -> out.compress(smallTextFile(2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIdleChannelEndsItsFrameWithTheNextHeartbeatAndBothEndsFreeTheirContext() {
        long[] now = {0};
        StreamCompressionEncoder encoder = new StreamCompressionEncoder(() -> now[0]);
        StreamDecompressionDecoder decoder = new StreamDecompressionDecoder(1 << 22);
        EmbeddedChannel sender = new EmbeddedChannel(new FrameEncoder(1 << 22, null), encoder);
        EmbeddedChannel receiver = new EmbeddedChannel(new LengthPrefixDecoder(1 << 22), new FrameDecoder(null), decoder);
        StreamCompressionEncoder.enable(sender);

        send(sender, receiver, new Data(smallTextFile(1)));
        assertThat(encoder.isHoldingContext()).isTrue();
        assertThat(decoder.isHoldingContext()).isTrue();

        now[0] += StreamCompressionEncoder.IDLE_NANOS - 1;
        Frame early = send(sender, receiver, new Heartbeat(1_700_000_000_000L));
        assertThat(MessageCodec.decode(early)).isEqualTo(new Heartbeat(1_700_000_000_000L));
        assertThat(encoder.isHoldingContext()).as("not idle long enough yet").isTrue();

        now[0] += 1;
        Frame beat = send(sender, receiver, new Heartbeat(1_700_000_005_000L));
        assertThat(MessageCodec.decode(beat)).isEqualTo(new Heartbeat(1_700_000_005_000L));
        assertThat(encoder.isHoldingContext()).isFalse();
        assertThat(decoder.isHoldingContext()).isFalse();

        Frame next = send(sender, receiver, new Data(smallTextFile(2)));
        assertThat(MessageCodec.decode(next)).isEqualTo(new Data(smallTextFile(2)));
        assertThat(encoder.isHoldingContext()).isTrue();
        assertThat(decoder.isHoldingContext()).isTrue();
        Frame third = send(sender, receiver, new Data(smallTextFile(3)));
        assertThat(MessageCodec.decode(third)).isEqualTo(new Data(smallTextFile(3)));

        now[0] += 2 * StreamCompressionEncoder.IDLE_NANOS;
        send(sender, receiver, new Heartbeat(1));
        assertThat(encoder.isHoldingContext()).as("released again after the second burst").isFalse();
        assertThat(decoder.isHoldingContext()).isFalse();
        send(sender, receiver, new Heartbeat(2));
        assertThat(encoder.isHoldingContext()).as("a heartbeat alone allocates nothing").isFalse();
    }

    /** Writes one message through the sender's encoders and returns what the receiver's decoders make of it. */
    private static Frame send(EmbeddedChannel sender, EmbeddedChannel receiver, Message message) {
        sender.writeOutbound(MessageCodec.encode(message, 3));
        Object bytes;
        while ((bytes = sender.readOutbound()) != null) {
            receiver.writeInbound(bytes);
        }
        Frame arrived = receiver.readInbound();
        assertThat(arrived).isNotNull();
        assertThat(arrived.flags() & Frame.STREAM_COMPRESSED).isZero();
        return arrived;
    }
}
