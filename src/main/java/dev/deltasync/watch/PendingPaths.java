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
    /** Tickets of the settled paths sent on to the batch stage, one each, in the order they were sent. */
    private long ticketed;
    /** Every ticket up to this one reached the folder's scan ({@link #handedOver}). */
    private long handedUpTo;
    /** Ranges of tickets handed over beyond {@link #handedUpTo} (batches may arrive out of order), first to last. */
    private final TreeMap<Long, Long> handedAhead = new TreeMap<>();
    /** Beyond this many gaps a lost batch is assumed and its tickets given up (their waiters' bound ran out long ago). */
    private static final int MAX_HANDED_AHEAD = 1000;
    /** Counts the events and releases of held paths, so that {@link #now} can share its snapshot while none came. */
    private long heldVersion;
    private Through lastThrough;
    private long lastThroughVersion = -1;
    private java.util.function.Predicate<String> lastOurs;
    /** Beyond this many, the oldest deletions seen are forgotten (a removed tree's top is among the last seen). */
    private static final int MAX_DELETIONS_SEEN = 4096;
    /** The deletions the debounce stage took lately: path -> when the watcher saw it, oldest first. */
    private final Map<String, Long> deletionsSeen = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_DELETIONS_SEEN;
        }
    };

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
        heldVersion++; // every event: a held path's file may have changed from our own write into someone else's
        forgetDelete(byPath.put(path, new Pending(since, dueAt, delete, created)));
        if (delete) {
            deleteDues.merge(dueAt, 1, Integer::sum);
        }
    }

    /** The debounce stage took a deletion of {@code path} the watcher saw at {@code atMillis}. */
    public synchronized void deletionSeen(String path, long atMillis) {
        deletionsSeen.remove(path);
        deletionsSeen.put(path, atMillis);
    }

    /** Whether the debounce stage took a deletion of {@code path} that the watcher saw at {@code fromMillis} or later. */
    public synchronized boolean deletionSeenSince(String path, long fromMillis) {
        Long at = deletionsSeen.get(path);
        return at != null && at >= fromMillis;
    }

    /** Forgets the path if it is still held for the activity that began at {@code since}. */
    public synchronized void release(String path, long since) {
        Pending pending = byPath.get(path);
        if (pending != null && pending.since == since) {
            forgetDelete(byPath.remove(path));
            heldVersion++;
        }
    }

    /**
     * Forgets the path as {@link #release} does, because it settled into a change the batch stage takes: returns its
     * ticket, which {@link #handedOver} names once the batch holding it reached the folder's scan.
     */
    public synchronized long settled(String path, long since) {
        release(path, since);
        heldVersion++;
        return ++ticketed;
    }

    /** The batch of the settled paths with tickets {@code first..last} was handed to the folder's scan. */
    public synchronized void handedOver(long first, long last) {
        if (first < 1 || last < first || last <= handedUpTo) {
            return;
        }
        handedAhead.merge(Math.max(first, handedUpTo + 1), last, Math::max);
        while (!handedAhead.isEmpty() && (handedAhead.firstKey() <= handedUpTo + 1
                || handedAhead.size() > MAX_HANDED_AHEAD)) {
            handedUpTo = Math.max(handedUpTo, handedAhead.pollFirstEntry().getValue());
        }
    }

    /** The paths held now and the settled paths not yet in the scan: {@link #reached} says when all are through. */
    public Through now() {
        return now(path -> false);
    }

    /**
     * {@link #now()} without the held paths {@code ours} names: those that still look exactly like our own writes
     * (their echoes), which only the side that wrote them can have changed, and which it recorded already.
     */
    public Through now(java.util.function.Predicate<String> ours) {
        Map<String, Long> held = new HashMap<>();
        long tickets;
        long version;
        synchronized (this) {
            // while nothing changed, every waiter shares one snapshot: many requests cost no copies of many paths
            if (lastThroughVersion == heldVersion && lastOurs == ours) {
                return lastThrough;
            }
            byPath.forEach((path, pending) -> held.put(path, pending.since));
            tickets = ticketed;
            version = heldVersion;
        }
        held.keySet().removeIf(ours); // a stat each: not under the lock the watcher takes for every event
        Through through = new Through(held, tickets);
        synchronized (this) {
            if (heldVersion == version) {
                lastThrough = through;
                lastThroughVersion = version;
                lastOurs = ours;
            }
        }
        return through;
    }

    /** Whether what {@code through} waits for has left the debounce stage and reached the folder's scan. */
    public synchronized boolean reached(Through through) {
        if (through.ticketsUpTo < 0) {
            if (!stillHeld(through).isEmpty()) {
                return false;
            }
            through.ticketsUpTo = ticketed; // their tickets (if they settled into a change) are at most this
        }
        return handedUpTo >= through.ticketsUpTo;
    }

    /** Those of the paths {@code through} waits for that are still in the debounce stage, in order. */
    public synchronized java.util.List<String> stillHeld(Through through) {
        return through.held.entrySet().stream().filter(e -> {
            Pending pending = byPath.get(e.getKey());
            return pending != null && pending.since == e.getValue();
        }).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * What to wait for so that the folder's scan holds every change the watcher held at one moment: those paths' own
     * activities (a newer activity of the same path started later), then every ticket issued until they settled.
     */
    public static final class Through {
        private final Map<String, Long> held;
        /** -1 until the paths held have all left the debounce stage. */
        private volatile long ticketsUpTo;

        private Through(Map<String, Long> held, long ticketed) {
            this.held = held;
            this.ticketsUpTo = held.isEmpty() ? ticketed : -1;
        }

        /** Whether nothing was held in the debounce stage at that moment. */
        public boolean heldNothing() {
            return held.isEmpty();
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

    public synchronized OptionalLong earliestDeleteDue() {
        return deleteDues.isEmpty() ? OptionalLong.empty() : OptionalLong.of(deleteDues.firstKey());
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
