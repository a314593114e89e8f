package dev.deltasync.wire;

import java.util.function.LongSupplier;

/**
 * Which zstd level a connection's stream uses, chosen by how much it carries, so that compression costs a
 * bounded share of a core and never holds back a fast link. A trickle (metadata, deltas, a few files: what most
 * syncs send) gets {@link #ULTRA} below {@link #ULTRA_BYTES_PER_SECOND}: level 19 runs at a few MB/s, so at most
 * a third of a core, and takes 4 % off text-edit and 10 % off an appended log compared with level 9. A light
 * stream gets {@link #LIGHT} (4-7 % better than level 3 on text); once more than {@link #BULK_BYTES_PER_SECOND}
 * flow (a big file's literal bytes, a first sync), the stream drops to {@link #BULK}. The rate is an exponentially
 * decayed average over about a second.
 */
final class StreamLevel {

    static final int ULTRA = 19;
    static final double ULTRA_BYTES_PER_SECOND = 1024 * 1024;
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
        return rate > BULK_BYTES_PER_SECOND ? BULK : rate < ULTRA_BYTES_PER_SECOND ? ULTRA : LIGHT;
    }
}
