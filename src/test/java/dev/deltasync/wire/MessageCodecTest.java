package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    static List<Message> samples() {
        return SampleMessages.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessageSurvivesARoundTrip(Message message) {
        Frame frame = MessageCodec.encode(message, 77);

        assertThat(frame.requestId()).isEqualTo(77);
        assertThat(frame.type()).isEqualTo(MessageCodec.typeOf(message).code());
        assertThat(MessageCodec.decode(frame)).isEqualTo(message);
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @Test
    void lastManifestChunkAndEndCarryTheLastFlag() {
        assertThat(MessageCodec.encode(new ManifestChunk(List.of(), true), 1).isLast()).isTrue();
        assertThat(MessageCodec.encode(new ManifestChunk(List.of(), false), 1).isLast()).isFalse();
        assertThat(MessageCodec.encode(new End(3, ""), 1).isLast()).isTrue();
        assertThat(MessageCodec.encode(new Data(new byte[3]), 1).isLast()).isFalse();
    }

    @Test
    void compressedFramesAreInflatedOnDecode() {
        Message chunk = new ManifestChunk(SampleMessages.entries(), true);
        Frame compressed = FrameCompression.compressIfUseful(MessageCodec.encode(chunk, 5));

        assertThat(compressed.isCompressed()).isTrue();
        assertThat(MessageCodec.decode(compressed)).isEqualTo(chunk);
    }

    @Test
    void helloWithoutTheMagicIsRefused() {
        Frame hello = MessageCodec.encode(SampleMessages.all().get(0), 0);
        byte[] payload = hello.payload().clone();
        payload[0] = 'X';

        assertThatThrownBy(() -> MessageCodec.decode(new Frame(hello.type(), 0, 0, payload)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("magic");
    }

    @Test
    void aSharedRoundNamesItsSumWidthsOnlyWhenOneIsCut() {
        List<dev.deltasync.rsync.BasisRange> ranges = List.of(new dev.deltasync.rsync.BasisRange(0, 4096));
        GetSharedRound whole = new GetSharedRound(1L, List.of(new GetSharedRound.Part("a", "", 512, ranges),
                new GetSharedRound.Part("b", "", 512, ranges)));
        GetSharedRound cut = new GetSharedRound(1L, List.of(new GetSharedRound.Part("a", "", 512, ranges,
                dev.deltasync.rsync.SumWidth.ofBits(30)), new GetSharedRound.Part("b", "", 512, ranges)));

        Frame plain = MessageCodec.encode(whole, 5);
        Frame widths = MessageCodec.encode(cut, 5);

        assertThat(widths.payload().length).as("one varint per part").isEqualTo(plain.payload().length + 2);
        assertThat(MessageCodec.decode(widths)).isEqualTo(cut);
        assertThat(MessageCodec.decode(plain)).isEqualTo(whole);
        byte[] tooFew = widths.payload().clone();
        tooFew[tooFew.length - 2] = 8; // 8 bits per block could not tell blocks apart
        assertThatThrownBy(() -> MessageCodec.decode(new Frame(widths.type(), 0, 0, tooFew)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("bits per block");
    }

    @Test
    void lineSketchRequestsMustNameTheirFilesFirstAndStayWithinTheirBounds() {
        Frame first = MessageCodec.encode(new GetLineSketch(1, List.of("a.txt"), 0, 100), 1);
        byte[] noFiles = {1, 0, 0, 100}; // sketch 1, no files, from 0, 100 symbols
        byte[] tooMany = {1, 0, 5, (byte) 0x80, (byte) 0x80, 0x08}; // from 5, 2^17 symbols at once
        byte[] withFilesLater = Arrays.copyOf(first.payload(), first.payload().length);
        withFilesLater[withFilesLater.length - 2] = 7; // from 7 while naming files

        for (byte[] payload : List.of(noFiles, tooMany, withFilesLater)) {
            assertThatThrownBy(() -> MessageCodec.decode(new Frame(first.type(), 0, 0, payload)))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("line sketch");
        }
    }

    @Test
    void lineEditsOfADirectoryOrAnIndexPastTheSketchAreRefused() {
        FileEntry file = FileEntry.file("a.txt", 10, 1L, false, SampleMessages.HASH);
        Frame good = MessageCodec.encode(new PutLines(List.of(new PutLines.File(3, file, ""))), 1);
        byte[] farIndex = good.payload().clone();
        farIndex[1] = (byte) 0x80; // index 0x80 | next byte << 7: past 255
        Frame dir = MessageCodec.encode(new PutLines(List.of(new PutLines.File(3, FileEntry.dir("d", 1L), ""))), 1);

        assertThat(MessageCodec.decode(good)).isEqualTo(new PutLines(List.of(new PutLines.File(3, file, ""))));
        for (byte[] payload : List.of(farIndex, dir.payload())) {
            assertThatThrownBy(() -> MessageCodec.decode(new Frame(good.type(), 0, 0, payload)))
                    .isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void trailingBytesAreRefused() {
        Frame ack = MessageCodec.encode(new Mkdir("x"), 0);
        byte[] longer = Arrays.copyOf(ack.payload(), ack.payload().length + 1);

        assertThatThrownBy(() -> MessageCodec.decode(new Frame(ack.type(), 0, 0, longer)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unexpected bytes");
    }

    @Test
    void truncatedPayloadIsRefusedWithTheMessageName() {
        Frame frame = MessageCodec.encode(new Rename("from", "to", SampleMessages.HASH), 0);
        byte[] shorter = Arrays.copyOf(frame.payload(), frame.payload().length - 3);

        assertThatThrownBy(() -> MessageCodec.decode(new Frame(frame.type(), 0, 0, shorter)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("RENAME").hasMessageContaining("expectedHash");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] payload = {2, (byte) 0xC3, (byte) 0x28};

        assertThatThrownBy(() -> MessageCodec.decode(new Frame(MessageType.MKDIR.code(), 0, 0, payload)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void hugeDeclaredListIsRefusedWithoutAllocating() {
        byte[] payload = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};

        assertThatThrownBy(() -> MessageCodec.decode(new Frame(MessageType.CHANGED.code(), 0, 0, payload)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds");
    }

    @Test
    void unknownTypeIsRefused() {
        assertThatThrownBy(() -> MessageCodec.decode(new Frame(200, 0, 0, new byte[0])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown message type 200");
    }

    @Test
    void fileEntryWithAMalformedHashCannotBeSent() {
        FileEntry bad = FileEntry.file("notes.txt", 1, 1, false, "not-a-hash");

        assertThatThrownBy(() -> MessageCodec.encode(new ManifestChunk(List.of(bad), true), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt");
    }

    @Test
    void fileEntryIsCompact() {
        FileEntry entry = FileEntry.file("src/Main.java", 12_345, 1_700_000_000_123L, false, SampleMessages.HASH);

        assertThat(FileEntryCodec.encodedSize(entry)).isLessThanOrEqualTo(entry.path().length() + 1 + 45);
        FileEntry announced = PutBatch.withHashPrefixes(List.of(entry)).get(0);
        assertThat(FileEntryCodec.encodedSize(announced)).as("a batch entry's 8-byte hash prefix")
                .isEqualTo(FileEntryCodec.encodedSize(entry) - 24);
    }
}
