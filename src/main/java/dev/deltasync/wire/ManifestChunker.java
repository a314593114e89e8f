package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.ArrayList;
import java.util.List;

/** Splits a manifest into {@link ManifestChunk}s that each encode to a frame under the bound. */
public final class ManifestChunker {

    /** Room for the entry count varint. */
    private static final int COUNT_BYTES = 5;

    private ManifestChunker() {
    }

    /**
     * @return at least one chunk (an empty manifest is one empty last chunk); only the final one is last
     * @throws IllegalArgumentException if a single entry cannot fit in a frame (naming its path)
     */
    public static List<ManifestChunk> chunk(List<FileEntry> entries, int maxFrame) {
        int budget = WireLimits.maxPayload(maxFrame) - COUNT_BYTES;
        List<List<FileEntry>> parts = new ArrayList<>();
        List<FileEntry> current = new ArrayList<>();
        int used = 0;
        for (FileEntry entry : entries) {
            int size = FileEntryCodec.encodedSize(entry);
            if (size > budget) {
                throw new IllegalArgumentException("manifest entry '" + entry.path() + "' takes " + size
                        + " bytes, more than fits in a frame of " + maxFrame);
            }
            if (used + size > budget) {
                parts.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(entry);
            used += size;
        }
        parts.add(current);
        List<ManifestChunk> chunks = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            chunks.add(new ManifestChunk(parts.get(i), i == parts.size() - 1));
        }
        return chunks;
    }
}
