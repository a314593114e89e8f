package dev.deltasync.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Hostile bytes must only ever produce ProtocolException: no other exception type, no huge allocation. */
class FrameFuzzTest {

    private static final int MAX = WireLimits.MIN_MAX_FRAME;
    private static final long SEED = 20240611L;

    @Test
    void randomBytesOnlyEverFailWithProtocolException() {
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            if (i % 2 == 0 && input.length >= 3) {
                // a plausible length, type, request id and flags, so the payload decoders get exercised too
                MessageType[] types = MessageType.values();
                input[0] = (byte) (input.length - 1); // under 64: one varint byte
                input[1] = (byte) types[random.nextInt(types.length)].code();
                input[2] = (byte) random.nextInt(0x80);
            }
            decoded += feed(input, "random input #" + i);
        }
        assertThat(decoded).as("some random frames reach MessageCodec").isPositive();
    }

    @Test
    void mutatedValidFramesOnlyEverFailWithProtocolException() {
        Random random = new Random(SEED + 1);
        List<byte[]> valid = new ArrayList<>();
        SampleMessages.all().forEach(m -> valid.add(WireChannels.wireBytes(MessageCodec.encode(m, 3))));
        valid.add(WireChannels.wireBytes(FrameCompression.compressIfUseful(
                MessageCodec.encode(new ManifestChunk(SampleMessages.entries(), true), 3))));

        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] input = mutate(valid.get(random.nextInt(valid.size())), random);
            if (feed(input, "mutation #" + i) == 0) {
                failures++;
            }
        }
        assertThat(failures).as("mutations are mostly caught").isGreaterThan(100);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                // one byte of the body set to 0xFF, the length left right
                int prefix = FrameHeader.varintSize(bodyLength(bytes));
                bytes[prefix + random.nextInt(bytes.length - prefix)] = (byte) 0xFF;
            }
            default -> {
                // bytes appended to the body, the length made to match
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                int prefix = FrameHeader.varintSize(bodyLength(bytes));
                byte[] body = Arrays.copyOfRange(bytes, prefix, bytes.length + extra.length);
                System.arraycopy(extra, 0, body, body.length - extra.length, extra.length);
                io.netty.buffer.ByteBuf framed = Unpooled.buffer();
                FrameHeader.writeVarint(body.length, framed);
                framed.writeBytes(body);
                bytes = new byte[framed.readableBytes()];
                framed.readBytes(bytes);
            }
        }
        return bytes;
    }

    private static long bodyLength(byte[] frameBytes) {
        return FrameHeader.readVarint(Unpooled.wrappedBuffer(frameBytes), 5, "length");
    }

    /** @return how many messages decoded cleanly */
    private static int feed(byte[] input, String what) {
        EmbeddedChannel channel = WireChannels.decodingRaw(MAX);
        int messages = 0;
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input));
            Frame frame;
            while ((frame = channel.readInbound()) != null) {
                MessageCodec.decode(frame, MAX);
                messages++;
            }
            channel.finish();
        } catch (Throwable t) {
            if (ProtocolErrorHandler.findProtocolException(t) == null) {
                fail(what + " " + Arrays.toString(input) + " failed with an unexpected exception", t);
            }
        }
        return messages;
    }
}
