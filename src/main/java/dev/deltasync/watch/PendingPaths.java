package dev.deltasync.watch;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The paths currently waiting in the debounce stage, with when each is due. The batch stage reads
 * it to ship at once when nothing else is coming, and to wait for held deletes so that both halves
 * of a rename land in one batch. Thread-safe.
 */
public final class PendingPaths {

    private record Pending(long since, long dueAt, boolean delete, boolean created) { }

    private final Map<String, Pending> byPath = new HashMap<>();
    private final TreeMap<Long, Integer> deleteDues = new TreeMap<>();

    /**
     * @param since  when the path's activity began: identifies it, so that releasing an older
     *               activity does not release a newer one of the same path
     * @param dueAt  when the debounce stage will look at the path
     * @param delete whether its latest event is a delete
     */
    public synchronized void hold(String path, long since, long dueAt, boolean delete) {
        hold(path, since, dueAt, delete, !delete);
    }

    /** @param created whether the path's activity has a CREATE: only such a path can be the new half of a rename */
    public synchronized void hold(String path, long since, long dueAt, boolean delete, boolean created) {
        forgetDelete(byPath.put(path, new Pending(since, dueAt, delete, created)));
        if (delete) {
            deleteDues.merge(dueAt, 1, Integer::sum);
        }
    }

    /** Forgets the path if it is still held for the activity that began at {@code since}. */
    public synchronized void release(String path, long since) {
        Pending pending = byPath.get(path);
        if (pending != null && pending.since == since) {
            forgetDelete(byPath.remove(path));
        }
    }

    public synchronized boolean isEmpty() {
        return byPath.isEmpty();
    }

    public synchronized int size() {
        return byPath.size();
    }

    /** The paths held, in order, each with "- " before it if its latest event is a delete, else "~ ". */
    public synchronized java.util.List<String> describe() {
        return new TreeMap<>(byPath).entrySet().stream()
                .map(e -> (e.getValue().delete ? "- " : "~ ") + e.getKey()).toList();
    }

    public synchronized OptionalLong latestDeleteDue() {
        return deleteDues.isEmpty() ? OptionalLong.empty() : OptionalLong.of(deleteDues.lastKey());
    }

    /**
     * Whether a path other than {@code deleted} and its directories is pending, created (a rename's new half arrives
     * as a CREATE) and not deleted again, with an activity that began within {@code [from, to]}: a possible other half
     * of a rename that deleted {@code deleted}. Its directories are left out: they are modified by the deletion itself,
     * and a directory waits for the entries pending inside it, so each would wait for the other.
     */
    public synchronized boolean changeBegunBetween(String deleted, long from, long to) {
        return latestPartnerDue(deleted, from, to).isPresent();
    }

    /** When the last of the paths {@link #changeBegunBetween} looks for is due, if any is pending. */
    public synchronized OptionalLong latestPartnerDue(String deleted, long from, long to) {
        return byPath.entrySet().stream().filter(e -> !e.getValue().delete && e.getValue().created
                && !e.getKey().equals(deleted) && !deleted.startsWith(e.getKey() + "/")
                && e.getValue().since >= from && e.getValue().since <= to)
                .mapToLong(e -> e.getValue().dueAt).max();
    }

    /** Whether a path strictly inside directory {@code dir} is pending. */
    public synchronized boolean anyUnder(String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return byPath.keySet().stream().anyMatch(p -> p.startsWith(prefix) && !p.equals(dir));
    }

    private void forgetDelete(Pending previous) {
        if (previous != null && previous.delete) {
            deleteDues.computeIfPresent(previous.dueAt, (due, count) -> count == 1 ? null : count - 1);
        }
    }
}
