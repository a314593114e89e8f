package dev.deltasync.watch;

/**
 * Measured quiescence: a path is settled when the file system shows it exactly as at its latest
 * event (same size and mtime) after a whole quiet period without events. A new directory is
 * additionally held while entries inside it are still pending, so its subtree rescan does not read
 * files that are still being written, but never longer than the max delay. A deletion is held while a path created
 * around it is still pending (it may be the other half of a rename, which the reconciler pairs
 * by hash only within one batch), but never longer than {@link WatchSettings#deleteHoldMillis()} after it; and while
 * it lies in a removed tree whose top's deletion has not reached the debounce stage yet ({@link RemovedTrees}).
 */
public final class Settledness {

    private final PendingPaths pending;
    private final WatchSettings settings;
    private final RemovedTrees removedTrees;

    public Settledness(PendingPaths pending, WatchSettings settings, RemovedTrees removedTrees) {
        this.pending = pending;
        this.settings = settings;
        this.removedTrees = removedTrees;
    }

    public boolean isSettled(PathActivity activity, FileSnapshot now, long nowMillis) {
        if (!now.equals(activity.lastSeen())) {
            return false;
        }
        boolean waitForEntries = now.directory() && nowMillis - activity.firstEventAt() < settings.maxDelayMillis();
        return !(waitForEntries && pending.anyUnder(activity.path())) && !awaitsRenamePartner(activity, nowMillis)
                && !removedTrees.awaitsTop(activity, now, nowMillis);
    }

    private boolean awaitsRenamePartner(PathActivity activity, long nowMillis) {
        if (!activity.endsWithDelete() || activity.cameAndWent()) {
            return false;
        }
        long deletedAt = activity.last().atMillis();
        long quiet = settings.quietMillis();
        return nowMillis - deletedAt < settings.deleteHoldMillis()
                && pending.changeBegunBetween(activity.path(), activity.firstEventAt() - quiet, deletedAt + quiet);
    }
}
