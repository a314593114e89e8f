package dev.deltasync.watch;

/**
 * Timing and size knobs of live watching.
 *
 * @param quietMillis       how long a path must stay silent before it is looked at (deltasync.quiet-ms)
 * @param maxDelayMillis    longest a busy path waits before it is looked at anyway (deltasync.max-delay-ms)
 * @param batchWindowMillis how long a batch stays open for further settled paths (deltasync.batch-window-ms)
 * @param dirEventLimit     more changed entries than this in one directory of a batch become one
 *                          rescan of that directory (deltasync.dir-event-limit)
 */
public record WatchSettings(long quietMillis, long maxDelayMillis, long batchWindowMillis, int dirEventLimit) {

    /**
     * A deletion waits at most this many quiet periods for a create or modification that began around it (a possible
     * other half of a rename) to settle; with none pending it ships after one.
     */
    public static final int DELETE_HOLD_FACTOR = 2;
    /**
     * A deletion inside a removed tree waits at most this many quiet periods (and never past the max delay) for the
     * deletion of the tree's top, which may still be queued in the watcher library ({@link RemovedTrees}).
     */
    public static final int REMOVAL_HOLD_FACTOR = 10;

    public WatchSettings {
        requirePositive(quietMillis, "deltasync.quiet-ms");
        requirePositive(maxDelayMillis, "deltasync.max-delay-ms");
        requirePositive(batchWindowMillis, "deltasync.batch-window-ms");
        requirePositive(dirEventLimit, "deltasync.dir-event-limit");
        if (maxDelayMillis < quietMillis) {
            throw new IllegalArgumentException("deltasync.max-delay-ms (" + maxDelayMillis
                    + ") must not be shorter than deltasync.quiet-ms (" + quietMillis + ")");
        }
    }

    public static WatchSettings defaults() {
        return new WatchSettings(1000, 30_000, 100, 100);
    }

    /**
     * Once a busy path is past the max delay it is looked at after this much silence instead of a
     * whole quiet period: enough to measure that it stopped changing, short enough to catch a pause.
     */
    public long probeMillis() {
        return Math.max(10, quietMillis / 4);
    }

    public long deleteHoldMillis() {
        return DELETE_HOLD_FACTOR * quietMillis;
    }

    public long removalHoldMillis() {
        return Math.min(maxDelayMillis, REMOVAL_HOLD_FACTOR * quietMillis);
    }

    /**
     * A batch open this long ships at the next settled path even though more keep coming: during a
     * long burst (a big tree being copied in) changes go out at least this often.
     */
    public long batchMaxAgeMillis() {
        return Math.max(maxDelayMillis, deleteHoldMillis() + batchWindowMillis);
    }

    private static void requirePositive(long value, String property) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be positive, not " + value);
        }
    }
}
