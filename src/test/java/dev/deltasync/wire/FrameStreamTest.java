package dev.deltasync.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameStreamTest {

    private static final int MAX = WireLimits.MIN_MAX_FRAME;
    private static final int CHUNK = 10_000;

    private final List<Frame> sent = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void compressibleStreamRoundTrips(boolean compress) throws IOException {
        byte[] text = "the quick brown fox jumps over the lazy dog\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

        writeStream(7, text, compress);

        assertThat(sent).allMatch(f -> f.requestId() == 7).allMatch(f -> f.frameLength() <= MAX);
        List<Frame> data = sent.subList(0, sent.size() - 1);
        assertThat(data).hasSize((text.length + CHUNK - 1) / CHUNK).allMatch(f -> f.isCompressed() == compress);
        assertThat(sent.get(sent.size() - 1).type()).isEqualTo(MessageType.END.code());
        assertThat(receive(7, Long.MAX_VALUE)).isEqualTo(text);
    }

    @Test
    void incompressibleDataStaysRaw() throws IOException {
        byte[] noise = new byte[3 * CHUNK + 17];
        new Random(1).nextBytes(noise);

        FrameOutputStream out = writeStream(1, noise, true);

        assertThat(sent.subList(0, sent.size() - 1)).noneMatch(Frame::isCompressed);
        assertThat(out.payloadBytesSent()).isEqualTo(noise.length);
        assertThat(receive(1, Long.MAX_VALUE)).isEqualTo(noise);
    }

    @Test
    void compressionReallySavesBytes() throws IOException {
        byte[] zeros = new byte[5 * CHUNK];

        FrameOutputStream out = writeStream(1, zeros, true);

        assertThat(out.payloadBytesSent()).isLessThan(zeros.length / 20);
        assertThat(out.bytesWritten()).isEqualTo(zeros.length);
    }

    @Test
    void emptyStreamIsJustAnEnd() throws IOException {
        writeStream(3, new byte[0], true);

        assertThat(sent).hasSize(1);
        assertThat(MessageCodec.decode(sent.get(0))).isEqualTo(
                new End(0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(receive(3, 0)).isEmpty();
    }

    @Test
    void defaultChunkSizeNeverExceedsTheFrameBound() throws IOException {
        FrameOutputStream.open(sent::add, 1, MAX, false).write(new byte[MAX * 2], 0, MAX * 2);

        assertThat(sent).isNotEmpty().allMatch(f -> f.frameLength() <= MAX)
                .allMatch(f -> f.payload().length == MAX - WireLimits.HEADER_BYTES);
    }

    @Test
    void receiverEnforcesItsSizeLimit() throws IOException {
        writeStream(1, new byte[3 * CHUNK], false);

        assertThatThrownBy(() -> receive(1, 2 * CHUNK))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds the limit of " + 2 * CHUNK);
    }

    @Test
    void receiverDetectsALostChunk() throws IOException {
        writeStream(1, new byte[3 * CHUNK], false);
        sent.remove(1);

        assertThatThrownBy(() -> receive(1, Long.MAX_VALUE))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("announced 30000 bytes but 20000 arrived");
    }

    @Test
    void receiverDetectsCorruptContent() throws IOException {
        writeStream(1, new byte[CHUNK], false);
        sent.get(0).payload()[5] = 1;

        assertThatThrownBy(() -> receive(1, Long.MAX_VALUE))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("arrived corrupt");
    }

    @Test
    void abortedStreamEndsFailedWithThePeersError() throws IOException {
        FrameOutputStream out = new FrameOutputStream(sent::add, 4, CHUNK, false);
        out.write(new byte[CHUNK + 1]);
        out.abort(ErrorCodes.IO, "cannot read a.txt");
        out.close();

        StreamReceiver receiver = new StreamReceiver(4, new ByteArrayOutputStream(), Long.MAX_VALUE, MAX);
        for (Frame f : sent) {
            receiver.accept(f);
        }
        assertThat(receiver.state()).isEqualTo(StreamReceiver.State.FAILED);
        assertThat(receiver.failure()).isEqualTo(new Error(ErrorCodes.IO, "cannot read a.txt"));
        assertThat(sent).hasSize(2);
    }

    @Test
    void receiverRefusesFramesOfAnotherRequestOrAfterTheEnd() throws IOException {
        writeStream(1, new byte[10], false);
        StreamReceiver receiver = new StreamReceiver(2, new ByteArrayOutputStream(), Long.MAX_VALUE, MAX);

        assertThatThrownBy(() -> receiver.accept(sent.get(0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("request 1");

        StreamReceiver done = new StreamReceiver(1, new ByteArrayOutputStream(), Long.MAX_VALUE, MAX);
        done.accept(sent.get(0));
        assertThat(done.accept(sent.get(1))).isEqualTo(StreamReceiver.State.COMPLETE);
        assertThatThrownBy(() -> done.accept(sent.get(0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("after the end");
    }

    @Test
    void writingAfterCloseFails() {
        FrameOutputStream out = new FrameOutputStream(sent::add, 1, CHUNK, false);
        out.close();

        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private FrameOutputStream writeStream(int requestId, byte[] content, boolean compress) throws IOException {
        FrameOutputStream out = new FrameOutputStream(sent::add, requestId, CHUNK, compress);
        // odd-sized writes, so chunk boundaries fall inside them
        for (int i = 0; i < content.length; i += 3333) {
            out.write(content, i, Math.min(3333, content.length - i));
        }
        out.close();
        return out;
    }

    private byte[] receive(int requestId, long maxBytes) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        StreamReceiver receiver = new StreamReceiver(requestId, target, maxBytes, MAX);
        StreamReceiver.State state = StreamReceiver.State.RECEIVING;
        for (Frame frame : sent) {
            state = receiver.accept(frame);
        }
        assertThat(state).isEqualTo(StreamReceiver.State.COMPLETE);
        return target.toByteArray();
    }
}
