package dev.deltasync.sync;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The paths a sync cycle reconciles: every path, or only those that may have changed since the last cycle (what
 * the local scan rescanned, what the server's manifest difference names, what earlier cycles left pending) with
 * their parent directories. Every other path is alike in the last-synced state and on both sides, so the
 * {@link Reconciler} would plan nothing for it: reconciling the paths in play alone gives the same plan as
 * reconciling the whole folder.
 */
public final class PathsInPlay {

    private static final PathsInPlay ALL = new PathsInPlay(null);

    /** Sorted, with the parents of every path; null = every path. */
    private final NavigableSet<String> paths;

    private PathsInPlay(NavigableSet<String> paths) {
        this.paths = paths;
    }

    public static PathsInPlay all() {
        return ALL;
    }

    /** {@code changed} and their parent directories. */
    public static PathsInPlay of(Collection<String> changed) {
        NavigableSet<String> paths = new TreeSet<>();
        for (String path : changed) {
            for (String p = path; p != null && !p.isEmpty() && paths.add(p); p = TreeRepair.parentOf(p)) {
                // a parent already in the set brought its own parents in
            }
        }
        return new PathsInPlay(Collections.unmodifiableNavigableSet(paths));
    }

    public boolean isAll() {
        return paths == null;
    }

    /** The paths in play, sorted; only when not {@link #isAll()}. */
    public NavigableSet<String> paths() {
        if (paths == null) {
            throw new IllegalStateException("every path is in play");
        }
        return paths;
    }

    /** How many paths are in play, -1 for all. */
    public int size() {
        return paths == null ? -1 : paths.size();
    }

    /**
     * The entries of {@code tree} at the paths in play that {@code keep} accepts: one lookup per path in play,
     * whatever the size of the tree (which is only read). For {@link #all()}, every entry it accepts.
     */
    public Map<String, FileEntry> select(Map<String, FileEntry> tree, Predicate<FileEntry> keep) {
        if (paths == null) {
            // a sorted tree is copied in linear time; a TreeMap built entry by entry would sort it again
            TreeMap<String, FileEntry> selected = tree instanceof SortedMap<String, FileEntry> sorted
                    && sorted.comparator() == null ? new TreeMap<>(sorted) : new TreeMap<>(tree);
            selected.values().removeIf(keep.negate());
            return selected;
        }
        Map<String, FileEntry> selected = new TreeMap<>();
        for (String path : paths) {
            FileEntry entry = tree.get(path);
            if (entry != null && keep.test(entry)) {
                selected.put(path, entry);
            }
        }
        return selected;
    }

    @Override
    public String toString() {
        return paths == null ? "every path" : paths.size() + " path(s) in play";
    }
}
