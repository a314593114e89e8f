package dev.deltasync.client;

import dev.deltasync.sync.Action;
import dev.deltasync.wire.FileEntryCodec;
import dev.deltasync.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * New small files waiting to travel together in one direction: up to {@link #MAX_BYTES} of content,
 * and no more entries than fit in half the smallest frame a peer may allow.
 */
final class BatchCollector {

    /** Files up to this size travel in batches. */
    static final long MAX_FILE = 64 * 1024;
    private static final long MAX_BYTES = 4L << 20;
    private static final long MAX_ENTRY_BYTES = WireLimits.MIN_MAX_FRAME / 2;

    private final List<Action.Copy> copies = new ArrayList<>();
    private long bytes;
    private long entryBytes;

    /** Adds a copy; true when the batch is full and should go now. */
    boolean add(Action.Copy copy) {
        copies.add(copy);
        bytes += copy.source().size();
        entryBytes += FileEntryCodec.encodedSize(copy.source());
        return bytes >= MAX_BYTES || entryBytes >= MAX_ENTRY_BYTES;
    }

    /** The batch so far (possibly empty); the collector starts over. */
    List<Action.Copy> take() {
        List<Action.Copy> taken = List.copyOf(copies);
        copies.clear();
        bytes = 0;
        entryBytes = 0;
        return taken;
    }
}
