package dev.deltasync.watch;

import java.util.Optional;

/**
 * Deletions inside a directory that is gone too: parts of a removed tree. {@code rm -r} deletes the entries first and
 * the tree's top directory last, and the top's DELETE comes from its parent's watch, which survives, so it does come;
 * but under load it may still wait in the watcher library's queue when the entries' quiet periods run out, and the
 * batch, with nothing else pending, would leave without it (the rest of the removal following in a second batch,
 * which costs the sync side a second cycle). An entry's deletion is therefore held until the top's deletion reached
 * the debounce stage, but never longer than {@link WatchSettings#removalHoldMillis()} after it.
 */
public final class RemovedTrees {

    private final FileProbe probe;
    private final PendingPaths pending;
    private final WatchSettings settings;

    public RemovedTrees(FileProbe probe, PendingPaths pending, WatchSettings settings) {
        this.probe = probe;
        this.pending = pending;
        this.settings = settings;
    }

    /** Whether a deletion ({@code now}: its path as it is now) still waits for the top of the tree it was removed with. */
    public boolean awaitsTop(PathActivity activity, FileSnapshot now, long nowMillis) {
        if (!activity.endsWithDelete() || activity.cameAndWent() || now.exists()) {
            return false;
        }
        long deletedAt = activity.last().atMillis();
        if (nowMillis - deletedAt >= settings.removalHoldMillis()) {
            return false;
        }
        return topOf(activity.path())
                .filter(top -> !pending.deletionSeenSince(top, deletedAt - settings.quietMillis()))
                .isPresent();
    }

    /** The highest of the path's directories that is gone, when its own directory is gone (else empty). */
    Optional<String> topOf(String path) {
        String top = null;
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            String dir = path.substring(0, slash);
            if (probe.probe(dir).exists()) {
                break;
            }
            top = dir;
        }
        return Optional.ofNullable(top);
    }
}
