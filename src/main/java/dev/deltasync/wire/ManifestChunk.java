package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.BitSet;
import java.util.List;

/**
 * One part of a manifest; {@code last} (carried as the frame's LAST flag) marks the final part.
 *
 * @param entries the entries (all of them; when {@code diff} those added or changed since the version asked
 *                for; when the asker sent keys, those it does not have)
 * @param removed when {@code diff}, the paths gone since that version
 * @param version the version this manifest brings the asker to ("" from a server that keeps no versions)
 * @param diff    whether this is a difference against the version the asker named
 * @param same    when the asker sent keys: bit i set = the server has the asker's i-th entry as it is
 *                (only in the last chunk), else null
 */
public record ManifestChunk(List<FileEntry> entries, List<String> removed, String version, boolean diff,
                            BitSet same, boolean last) implements Message {

    public ManifestChunk {
        entries = List.copyOf(entries);
        removed = List.copyOf(removed);
        version = version == null ? "" : version;
        same = same == null ? null : (BitSet) same.clone();
    }

    public ManifestChunk(List<FileEntry> entries, List<String> removed, String version, boolean diff, boolean last) {
        this(entries, removed, version, diff, null, last);
    }

    public ManifestChunk(List<FileEntry> entries, boolean last) {
        this(entries, List.of(), "", false, null, last);
    }
}
