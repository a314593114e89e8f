package dev.deltasync.watch;

import dev.deltasync.sync.WatchedScan;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settled local changes, sent to {@code direct:local-changes} as one unit.
 *
 * @param changedPaths paths created, modified or deleted (a deleted path may be a directory)
 * @param rescanDirs   directories whose whole subtree must be rescanned (new directories, or
 *                     directories with too many changes to list); a rescan of a directory that is
 *                     gone means everything under it is gone
 * @param fullRescan   rescan the whole folder (start-up, periodic, missed events); the sets are then empty
 */
public record ChangeBatch(Set<String> changedPaths, Set<String> rescanDirs, boolean fullRescan) {

    /** The folder itself, as a rescan directory: normalised to {@code fullRescan}. */
    public static final String ROOT = "";

    public ChangeBatch {
        fullRescan = fullRescan || rescanDirs.contains(ROOT);
        changedPaths = fullRescan ? Set.of() : sorted(changedPaths);
        rescanDirs = fullRescan ? Set.of() : sorted(rescanDirs);
    }

    public static ChangeBatch full() {
        return new ChangeBatch(Set.of(), Set.of(), true);
    }

    /**
     * Tells a folder's {@link WatchedScan} what to look at in its next scan: the whole folder after a full rescan,
     * else the changed paths and rescanned directories.
     */
    public void markIn(WatchedScan scan) {
        if (fullRescan) {
            scan.rescanAll();
        } else {
            scan.changed(changedPaths);
            scan.changed(rescanDirs);
        }
    }

    /** Whether {@code path} is named by this batch, directly or through a rescan. */
    public boolean covers(String path) {
        if (fullRescan || changedPaths.contains(path)) {
            return true;
        }
        return rescanDirs.stream().anyMatch(dir -> path.equals(dir) || path.startsWith(dir + "/"));
    }

    @Override
    public String toString() {
        return fullRescan ? "ChangeBatch[full rescan]"
                : "ChangeBatch[changed=" + changedPaths + ", rescan=" + rescanDirs + "]";
    }

    private static Set<String> sorted(Set<String> paths) {
        return Collections.unmodifiableSet(new TreeSet<>(paths));
    }
}
