package dev.deltasync.watch;

/**
 * Measured quiescence: a path is settled when the file system shows it exactly as at its latest
 * event (same size and mtime) after a whole quiet period without events. A new directory is
 * additionally held while entries inside it are still pending, so its subtree rescan does not read
 * files that are still being written, but never longer than the max delay.
 */
public final class Settledness {

    private final PendingPaths pending;
    private final long maxDelayMillis;

    public Settledness(PendingPaths pending, long maxDelayMillis) {
        this.pending = pending;
        this.maxDelayMillis = maxDelayMillis;
    }

    public boolean isSettled(PathActivity activity, FileSnapshot now, long nowMillis) {
        if (!now.equals(activity.lastSeen())) {
            return false;
        }
        boolean waitForEntries = now.directory() && nowMillis - activity.firstEventAt() < maxDelayMillis;
        return !(waitForEntries && pending.anyUnder(activity.path()));
    }
}
