package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder as last scanned, kept current by rescanning only the paths known to have changed since: those the
 * watcher reported settled ({@link #changed}) and those this process wrote itself. A scan then costs a stat per
 * changed path and its parents, not one per file of the folder.
 * <p>
 * It trusts the watcher only once the watcher asked for a full rescan ({@link #rescanAll}, which it does when it
 * starts, periodically and after losing events): until then, and whenever a rescan was asked for, a scan walks the
 * whole folder. Unreadable paths are looked at again in every scan, so they stay "left alone" and never look
 * deleted. A path that changed without an event (a missed event, {@code touch}) is seen by the next full rescan.
 * Thread-safe; scans take turns.
 */
public final class WatchedScan {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedScan.class);

    /** Beyond this share of the folder's entries changed, one walk of the folder is cheaper than path by path. */
    private static final int FULL_SCAN_BELOW_ONE_IN = 4;

    private final FolderScanner scanner;
    private final Path root;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean rescanAsked = new AtomicBoolean();
    private volatile boolean watched;
    private TreeMap<String, FileEntry> last;
    private Set<String> lastProblems = Set.of();
    private ScanProblems lastProblemList = new ScanProblems();

    public WatchedScan(FolderScanner scanner, Path root) {
        this.scanner = scanner;
        this.root = root;
    }

    /** The watcher runs and asks for a whole scan: from now on its reports are trusted between full scans. */
    public void rescanAll() {
        rescanAsked.set(true);
        watched = true;
    }

    /** These paths (files, or directories with their subtrees) changed, or may have: the next scan looks at them. */
    public void changed(Collection<String> paths) {
        dirty.addAll(paths);
    }

    public void changed(String path) {
        dirty.add(path);
    }

    /** The folder now: walked whole, or the last scan with the changed paths rescanned. */
    public synchronized ScanResult scan() throws IOException {
        boolean asked = rescanAsked.getAndSet(false);
        Set<String> paths = drain();
        boolean full = asked || !watched || last == null
                || (long) paths.size() * FULL_SCAN_BELOW_ONE_IN > last.size();
        long started = System.nanoTime();
        long looked = scanner.entriesLookedAt();
        long hashed = scanner.filesHashed();
        ScanResult result;
        if (full) {
            result = walkWhole();
        } else {
            try {
                result = rescan(paths);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not rescan the changed paths of {} ({}); scanning the whole folder", root, e.toString());
                result = walkWhole();
            }
        }
        ScanProblems problems = result.problems();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Scanned {} ({}): looked at {} entries, hashed {} files, {} entries in all, in {} ms", root,
                    full ? "the whole folder" : paths.size() + " changed path(s)", scanner.entriesLookedAt() - looked,
                    scanner.filesHashed() - hashed, result.entries().size(), (System.nanoTime() - started) / 1_000_000);
        }
        lastProblems = new HashSet<>();
        problems.list().forEach(problem -> lastProblems.add(problem.path()));
        lastProblemList = problems;
        return last == null ? result : new ScanResult(Collections.unmodifiableSortedMap(new TreeMap<>(last)), problems);
    }

    private ScanResult walkWhole() throws IOException {
        last = null; // a walk that fails leaves nothing half-merged behind: the next scan walks again
        ScanResult result = scanner.scan();
        if (watched) { // without a watcher every scan walks: nothing to keep between scans
            last = new TreeMap<>(result.entries());
        }
        return result;
    }

    private Set<String> drain() {
        Set<String> taken = new HashSet<>();
        for (String path : dirty) {
            dirty.remove(path);
            taken.add(path);
        }
        return taken;
    }

    /** Rescans {@code changed} (and the paths unreadable last time) into {@link #last}. */
    private ScanResult rescan(Set<String> changed) throws IOException {
        Set<String> paths = new TreeSet<>(changed);
        paths.addAll(lastProblems); // an unreadable path stays left alone until it is readable
        Set<String> tops = topmost(paths);
        if (tops.isEmpty()) {
            return new ScanResult(last, lastProblemList);
        }
        ScanResult partial = scanner.scan(tops.toArray(String[]::new));
        TreeMap<String, FileEntry> merged = new TreeMap<>(last);
        tops.forEach(path -> FolderScanner.removeSubtree(merged, path));
        merged.putAll(partial.entries());
        last = merged;
        return new ScanResult(merged, partial.problems());
    }

    /**
     * The paths to rescan, each replaced by its topmost ancestor that is no longer a directory (a path inside a
     * folder deleted or replaced by a file must drop its whole subtree), without paths inside another one.
     */
    private Set<String> topmost(Set<String> paths) {
        TreeSet<String> tops = new TreeSet<>();
        for (String path : paths) {
            if (!path.isEmpty()) {
                tops.add(highestGone(path));
            }
        }
        tops.removeIf(path -> hasAncestorIn(path, tops));
        return tops;
    }

    private String highestGone(String path) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (!Files.isDirectory(root.resolve(parent), LinkOption.NOFOLLOW_LINKS)) {
                return parent;
            }
        }
        return path;
    }

    private static boolean hasAncestorIn(String path, Set<String> paths) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (paths.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }
}
