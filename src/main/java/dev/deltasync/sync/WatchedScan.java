package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
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
 * <p>
 * Scans are numbered, and the paths each partial rescan looked at are kept for a while ({@link #changedBetween}),
 * so that what consumes scans (a client's cycle, the server's manifest history) can look at what changed only.
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
    /** The number of the last scan, and of the last one that walked the whole folder. */
    private long number;
    private long walkedAt;
    /** The paths each recent partial rescan looked at, oldest first, and up to which number older ones are gone. */
    private final Deque<Rescanned> log = new ArrayDeque<>();
    private long logPaths;
    private long forgottenUpTo;

    /** A scan and its number. */
    public record Numbered(ScanResult result, long number) {
    }

    private record Rescanned(long number, Set<String> paths) {
    }

    /** At most this many paths are kept in the log of rescanned paths: beyond, consumers look at everything. */
    static final long MAX_LOGGED_PATHS = 100_000;

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
        return numberedScan().result();
    }

    /**
     * The paths whose entries may differ between scan number {@code from} and scan number {@code to} (a superset:
     * every path a partial rescan looked at in between); empty when not known (a scan in between walked the
     * whole folder, or that is too long ago).
     */
    public synchronized Optional<Set<String>> changedBetween(long from, long to) {
        if (from < walkedAt || from < forgottenUpTo || from > to || to > number) {
            return Optional.empty();
        }
        Set<String> paths = new HashSet<>();
        for (Rescanned rescanned : log) {
            if (rescanned.number() > from && rescanned.number() <= to) {
                paths.addAll(rescanned.paths());
            }
        }
        return Optional.of(paths);
    }

    /** {@link #scan()} with its number, for {@link #changedBetween}. */
    public synchronized Numbered numberedScan() throws IOException {
        number++;
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
        // each scan makes a new map and never changes it after: it can be handed out as it is
        return new Numbered(last == null ? result
                : new ScanResult(Collections.unmodifiableSortedMap(last), problems), number);
    }

    private ScanResult walkWhole() throws IOException {
        walkedAt = number;
        log.clear();
        logPaths = 0;
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
        Set<String> looked = new HashSet<>(partial.entries().keySet());
        for (String top : tops) {
            if (merged.containsKey(top)) {
                looked.add(top);
            }
            looked.addAll(merged.subMap(top + "/", top + "0").keySet());
            FolderScanner.removeSubtree(merged, top);
        }
        merged.putAll(partial.entries());
        last = merged;
        logRescanned(looked);
        return new ScanResult(merged, partial.problems());
    }

    private void logRescanned(Set<String> paths) {
        log.addLast(new Rescanned(number, paths));
        logPaths += paths.size();
        while (logPaths > MAX_LOGGED_PATHS && !log.isEmpty()) {
            Rescanned oldest = log.removeFirst();
            logPaths -= oldest.paths().size();
            forgottenUpTo = oldest.number();
        }
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
