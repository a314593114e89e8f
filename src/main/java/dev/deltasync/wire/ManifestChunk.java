package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.List;

/** One part of a manifest; {@code last} (carried as the frame's LAST flag) marks the final part. */
public record ManifestChunk(List<FileEntry> entries, boolean last) implements Message {

    public ManifestChunk {
        entries = List.copyOf(entries);
    }
}
