package dev.deltasync.wire;

import java.util.function.LongSupplier;

/**
 * Which zstd level a connection's stream uses, chosen by how much it carries. A light stream (metadata, deltas,
 * small files: what most syncs send) gets {@link #LIGHT}, which saves 4-7 % over level 3 on text and costs nothing
 * noticeable at those rates; once more than {@link #BULK_BYTES_PER_SECOND} flow (a big file's literal bytes), the
 * stream drops to {@link #BULK} so that compression never holds back a fast link. The rate is an exponentially
 * decayed average over about a second.
 */
final class StreamLevel {

    static final int LIGHT = 9;
    static final int BULK = 3;
    /** About a quarter of a core at level 9 on text here (~60 MB/s). */
    static final double BULK_BYTES_PER_SECOND = 16 * 1024 * 1024;
    private static final double TAU_NANOS = 1e9;

    private final LongSupplier nanoTime;
    private double rate;
    private long last;
    private boolean started;

    StreamLevel(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a payload about to be compressed and returns the level for it. */
    int next(int payloadBytes) {
        long now = nanoTime.getAsLong();
        rate = started ? rate * Math.exp(-Math.max(0, now - last) / TAU_NANOS) : 0;
        rate += payloadBytes * 1e9 / TAU_NANOS;
        last = now;
        started = true;
        return rate > BULK_BYTES_PER_SECOND ? BULK : LIGHT;
    }
}
