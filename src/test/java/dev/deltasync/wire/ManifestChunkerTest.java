package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestChunkerTest {

    @Test
    void hundredThousandEntriesSpanSeveralFramesUnderTheBound() {
        List<FileEntry> entries = IntStream.range(0, 100_000)
                .mapToObj(i -> FileEntry.file("project/module-" + (i % 50) + "/src/File" + i + ".java", i, i,
                        false, SampleMessages.HASH))
                .toList();

        List<ManifestChunk> chunks = ManifestChunker.chunk(entries, WireLimits.DEFAULT_MAX_FRAME);

        assertThat(chunks).hasSizeGreaterThan(1);
        List<FileEntry> back = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Frame frame = MessageCodec.encode(chunks.get(i), 1);
            assertThat(frame.frameLength()).isLessThanOrEqualTo(WireLimits.DEFAULT_MAX_FRAME);
            assertThat(frame.isLast()).isEqualTo(i == chunks.size() - 1);
            back.addAll(((ManifestChunk) MessageCodec.decode(frame)).entries());
        }
        assertThat(back).isEqualTo(entries);
    }

    @Test
    void emptyManifestIsOneEmptyLastChunk() {
        assertThat(ManifestChunker.chunk(List.of(), WireLimits.DEFAULT_MAX_FRAME))
                .containsExactly(new ManifestChunk(List.of(), true));
    }

    @Test
    void entryTooBigForAnyFrameIsRefusedByName() {
        FileEntry huge = FileEntry.file("x".repeat(WireLimits.MIN_MAX_FRAME), 1, 1, false, "");

        assertThatThrownBy(() -> ManifestChunker.chunk(List.of(huge), WireLimits.MIN_MAX_FRAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xxxx");
    }

    @Test
    void aDifferenceWithManyRemovedPathsSpansFramesAndEveryChunkCarriesTheVersion() {
        List<FileEntry> changed = List.of(FileEntry.file("kept.txt", 1, 1, false, SampleMessages.HASH));
        List<String> removed = IntStream.range(0, 20_000).mapToObj(i -> "old/tree/file-" + i + ".txt").toList();

        List<ManifestChunk> chunks = ManifestChunker.chunk(changed, removed, "abc:7", true, WireLimits.MIN_MAX_FRAME);

        assertThat(chunks).hasSizeGreaterThan(1);
        List<String> back = new ArrayList<>();
        List<FileEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Frame frame = MessageCodec.encode(chunks.get(i), 1);
            assertThat(frame.frameLength()).isLessThanOrEqualTo(WireLimits.MIN_MAX_FRAME);
            ManifestChunk decoded = (ManifestChunk) MessageCodec.decode(frame);
            assertThat(decoded.version()).isEqualTo("abc:7");
            assertThat(decoded.diff()).isTrue();
            assertThat(decoded.last()).isEqualTo(i == chunks.size() - 1);
            back.addAll(decoded.removed());
            entries.addAll(decoded.entries());
        }
        assertThat(back).isEqualTo(removed);
        assertThat(entries).isEqualTo(changed);
    }
}
