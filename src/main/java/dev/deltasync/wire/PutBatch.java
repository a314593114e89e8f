package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import java.util.List;

/**
 * Announces new small files sent together: one Data stream follows with their contents back to back,
 * in this order, each exactly its entry's size. None of them may exist on the receiver yet. The answer
 * is a {@link PutBatchResult}. Only sent when both sides agreed on {@link Capabilities#BATCH}. Each entry's hash
 * is the whole SHA-256, or with {@link Capabilities#BATCH_HASH_PREFIX} its first bytes ({@link #withHashPrefixes}).
 */
public record PutBatch(List<FileEntry> targets) implements Message {

    /** Largest file a batch may carry: a batch is for files whose per-file overhead would dominate. */
    public static final long MAX_FILE = 1 << 20;

    public PutBatch {
        targets = List.copyOf(targets);
    }

    /** The entries with their hashes cut to {@link FileEntry#HASH_PREFIX_BYTES} bytes. */
    public static List<FileEntry> withHashPrefixes(List<FileEntry> targets) {
        return targets.stream().map(FileEntry::withHashPrefix).toList();
    }
}
