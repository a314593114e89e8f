package dev.deltasync.wire;

import java.util.function.LongSupplier;

/**
 * Which zstd level a connection's stream uses, chosen by how much it carries, so that compression costs a
 * bounded share of a core and never holds back a fast link. A trickle (metadata, deltas, a few files: what most
 * syncs send) gets {@link #ULTRA} below {@link #ULTRA_BYTES_PER_SECOND}: level 19 runs at a few MB/s, so at most
 * a third of a core, and takes 4 % off text-edit and 10 % off an appended log compared with level 9. A light
 * stream gets {@link #LIGHT} (4-7 % better than level 3 on text); once more than {@link #BULK_BYTES_PER_SECOND}
 * flow (a big file's literal bytes, a first sync), the stream drops to {@link #BULK}. The rate is an exponentially
 * decayed average over about a second. The third of a core holds per stream, so the trickles of one process share
 * one {@link UltraBudget}: past it, a trickle gets {@link #LIGHT}. Without it, a server sending to 50 clients behind
 * 1 Mbit/s links compressed each one's download at level 19 (~4 MB/s a core on random data here: 50 x 125 KB/s
 * is ~1.7 cores of a 2-core server; docs/bench.md, the burst and slow clients at 1,000).
 */
final class StreamLevel {

    static final int ULTRA = 19;
    static final double ULTRA_BYTES_PER_SECOND = 1024 * 1024;
    static final int LIGHT = 9;
    static final int BULK = 3;
    /** About a quarter of a core at level 9 on text here (~60 MB/s). */
    static final double BULK_BYTES_PER_SECOND = 16 * 1024 * 1024;
    private static final double TAU_NANOS = 1e9;

    /** The level-19 bytes of every stream of a process, over about a second; at most {@link #ULTRA_BYTES_PER_SECOND}. */
    static final class UltraBudget {
        /** The process's own: its streams use the system clock. */
        static final UltraBudget PROCESS = new UltraBudget();

        private double rate;
        private long last;
        private boolean started;

        /** Takes {@code bytes} at level 19 if the budget has room at {@code now}; false when it has none. */
        synchronized boolean take(int bytes, long now) {
            rate = started ? rate * Math.exp(-Math.max(0, now - last) / TAU_NANOS) : 0;
            last = now;
            started = true;
            if (rate + bytes * 1e9 / TAU_NANOS > ULTRA_BYTES_PER_SECOND) {
                return false;
            }
            rate += bytes * 1e9 / TAU_NANOS;
            return true;
        }
    }

    private final LongSupplier nanoTime;
    private final UltraBudget budget;
    private double rate;
    private long last;
    private boolean started;

    /** A stream on its own clock, with a budget of its own. */
    StreamLevel(LongSupplier nanoTime) {
        this(nanoTime, new UltraBudget());
    }

    StreamLevel(LongSupplier nanoTime, UltraBudget budget) {
        this.nanoTime = nanoTime;
        this.budget = budget;
    }

    /** Counts a payload about to be compressed and returns the level for it. */
    int next(int payloadBytes) {
        long now = nanoTime.getAsLong();
        rate = started ? rate * Math.exp(-Math.max(0, now - last) / TAU_NANOS) : 0;
        rate += payloadBytes * 1e9 / TAU_NANOS;
        last = now;
        started = true;
        if (rate > BULK_BYTES_PER_SECOND) {
            return BULK;
        }
        return rate < ULTRA_BYTES_PER_SECOND && budget.take(payloadBytes, now) ? ULTRA : LIGHT;
    }
}
