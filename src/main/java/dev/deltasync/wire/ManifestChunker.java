package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.ArrayList;
import java.util.BitSet;
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
        return chunk(entries, List.of(), "", false, maxFrame);
    }

    /** Chunks of a versioned manifest or difference: every chunk carries the version; removed paths are split too. */
    public static List<ManifestChunk> chunk(List<FileEntry> entries, List<String> removed, String version, boolean diff,
                                            int maxFrame) {
        return chunk(entries, removed, version, diff, null, maxFrame);
    }

    /**
     * As above, with the asker's "same" bits in the last chunk.
     *
     * @throws IllegalArgumentException if the bits alone take more than half a frame (see {@link #fits})
     */
    public static List<ManifestChunk> chunk(List<FileEntry> entries, List<String> removed, String version, boolean diff,
                                            BitSet same, int maxFrame) {
        return chunk(entries, removed, version, diff, same, "", maxFrame);
    }

    /** As above, with the server's tree digest in the last chunk (first contact with short keys). */
    public static List<ManifestChunk> chunk(List<FileEntry> entries, List<String> removed, String version, boolean diff,
                                            BitSet same, String treeDigest, int maxFrame) {
        if (same != null && !fits(same.length(), maxFrame)) {
            throw new IllegalArgumentException(same.length() + " bits do not fit in half a frame of " + maxFrame);
        }
        int bits = same == null ? 0 : same.toByteArray().length + COUNT_BYTES + treeDigest.length() + COUNT_BYTES;
        int budget = WireLimits.maxPayload(maxFrame) - COUNT_BYTES - versionBytes(version) - bits;
        List<ManifestChunk> chunks = new ArrayList<>();
        List<FileEntry> current = new ArrayList<>();
        int used = 0;
        for (FileEntry entry : entries) {
            int size = FileEntryCodec.encodedSize(entry);
            if (size > budget) {
                throw new IllegalArgumentException("manifest entry '" + entry.path() + "' takes " + size
                        + " bytes, more than fits in a frame of " + maxFrame);
            }
            if (used + size > budget) {
                chunks.add(new ManifestChunk(current, List.of(), version, diff, false));
                current = new ArrayList<>();
                used = 0;
            }
            current.add(entry);
            used += size;
        }
        List<String> gone = new ArrayList<>();
        for (String path : removed) {
            int size = path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + COUNT_BYTES;
            if (used + size > budget) {
                chunks.add(new ManifestChunk(current, gone, version, diff, false));
                current = new ArrayList<>();
                gone = new ArrayList<>();
                used = 0;
            }
            gone.add(path);
            used += size;
        }
        chunks.add(new ManifestChunk(current, gone, version, diff, same, treeDigest, true));
        return chunks;
    }

    /** Whether "same" bits for this many keys fit in the last chunk (at most half a frame). */
    public static boolean fits(int keys, int maxFrame) {
        return keys / 8 + 1 <= WireLimits.maxPayload(maxFrame) / 2;
    }

    /** Room for the version string, the diff flag and the removed-path count. */
    private static int versionBytes(String version) {
        return version.isEmpty() ? 0 : version.length() + 2 * COUNT_BYTES + 1;
    }
}
