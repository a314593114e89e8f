package dev.deltasync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paths a scan could not read. Their absence from the scan is not a deletion: callers remove them (and what lies
 * under them) from every input of the reconciler with {@link #exclude}, so they are left alone this round.
 */
public final class ScanProblems {

    public record Problem(String path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(String path, String reason) {
        problems.add(new Problem(path, reason));
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public Map<String, FileEntry> exclude(Map<String, FileEntry> entries) {
        Map<String, FileEntry> kept = new TreeMap<>(entries);
        for (Problem problem : problems) {
            kept.keySet().removeIf(path -> path.equals(problem.path()) || path.startsWith(problem.path() + "/"));
        }
        return kept;
    }
}
