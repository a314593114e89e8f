package dev.deltasync.watch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects settled changes into one {@link ChangeBatch}. On {@link #build(int)} paths inside a
 * rescanned directory are dropped, and a directory with more than the limit of changed entries
 * directly inside it becomes one rescan of that directory; this repeats upwards, so a storm over
 * many directories ends as a rescan of their common parent (or of the whole folder).
 */
public final class ChangeBatchBuilder {

    private final long startedAt;
    private final Set<String> changed = new HashSet<>();
    private final Set<String> rescan = new HashSet<>();

    public ChangeBatchBuilder(long startedAt) {
        this.startedAt = startedAt;
    }

    public long startedAt() {
        return startedAt;
    }

    public ChangeBatchBuilder add(ChangeIntent intent) {
        if (intent instanceof ChangeIntent.DirCreated dir) {
            rescan.add(dir.path());
        } else {
            changed.add(intent.path());
        }
        return this;
    }

    /** Adds what {@code later} holds (a batch opened after this one); this one's start stays. */
    public ChangeBatchBuilder addAll(ChangeBatchBuilder later) {
        changed.addAll(later.changed);
        rescan.addAll(later.rescan);
        return this;
    }

    public int size() {
        return changed.size() + rescan.size();
    }

    public ChangeBatch build(int dirEventLimit) {
        Set<String> dirs = new HashSet<>(rescan);
        Set<String> paths = new HashSet<>(changed);
        while (!dirs.contains(ChangeBatch.ROOT)) {
            dropCovered(dirs, paths);
            Set<String> crowded = crowdedParents(dirs, paths, dirEventLimit);
            if (crowded.isEmpty()) {
                return new ChangeBatch(paths, dirs, false);
            }
            dirs.addAll(crowded);
        }
        return ChangeBatch.full();
    }

    private static void dropCovered(Set<String> dirs, Set<String> paths) {
        dirs.removeIf(dir -> hasAncestorIn(dir, dirs));
        paths.removeIf(path -> dirs.contains(path) || hasAncestorIn(path, dirs));
    }

    private static Set<String> crowdedParents(Set<String> dirs, Set<String> paths, int limit) {
        Map<String, Integer> perParent = new HashMap<>();
        dirs.forEach(dir -> perParent.merge(parentOf(dir), 1, Integer::sum));
        paths.forEach(path -> perParent.merge(parentOf(path), 1, Integer::sum));
        return perParent.entrySet().stream()
                .filter(e -> e.getValue() > limit)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static boolean hasAncestorIn(String path, Set<String> dirs) {
        for (String p = parentOf(path); !p.isEmpty(); p = parentOf(p)) {
            if (dirs.contains(p)) {
                return true;
            }
        }
        return false;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? ChangeBatch.ROOT : path.substring(0, slash);
    }
}
