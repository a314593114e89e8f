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
 * @param treeDigest with {@code same}, when the keys were short: the {@code TreeDigest} of the server's whole
 *                tree, which the asker checks its rebuilt tree against ("" = none)
 */
public record ManifestChunk(List<FileEntry> entries, List<String> removed, String version, boolean diff,
                            BitSet same, String treeDigest, boolean last) implements Message {

    public ManifestChunk {
        entries = List.copyOf(entries);
        removed = List.copyOf(removed);
        version = version == null ? "" : version;
        same = same == null ? null : (BitSet) same.clone();
        treeDigest = treeDigest == null ? "" : treeDigest;
        if (!treeDigest.isEmpty() && !treeDigest.matches("([0-9a-f]{2})+")) {
            throw new IllegalArgumentException("a tree digest is lowercase hex, not " + treeDigest);
        }
    }

    public ManifestChunk(List<FileEntry> entries, List<String> removed, String version, boolean diff, BitSet same,
                         boolean last) {
        this(entries, removed, version, diff, same, "", last);
    }

    public ManifestChunk(List<FileEntry> entries, List<String> removed, String version, boolean diff, boolean last) {
        this(entries, removed, version, diff, null, last);
    }

    public ManifestChunk(List<FileEntry> entries, boolean last) {
        this(entries, List.of(), "", false, null, last);
    }
}
