package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.DELETE;
import static dev.deltasync.watch.RawEvent.Kind.MODIFY;

import java.util.ArrayList;
import java.util.List;

/**
 * One path's events since it became active, as the debounce stage holds them.
 * Runs of MODIFY collapse into the latest one, so a file written in 10,000 chunks keeps a short list.
 *
 * @param path          '/'-separated path relative to the shared folder
 * @param events        the events in arrival order, never empty
 * @param firstEventAt  when the path became active (kept across re-checks)
 * @param windowStart   start of the current max-delay window (reset by each re-check)
 * @param lastSeen      the path as the file system showed it at the latest event or re-check
 * @param sawDirectory  whether the path was seen as a directory at any event or re-check
 */
public record PathActivity(String path, List<RawEvent> events, long firstEventAt, long windowStart,
                           FileSnapshot lastSeen, boolean sawDirectory) {

    public PathActivity {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a path activity needs at least one event: " + path);
        }
    }

    public static PathActivity start(RawEvent event, FileSnapshot seen) {
        return new PathActivity(event.relPath(), List.of(event), event.atMillis(), event.atMillis(), seen,
                seen.directory());
    }

    public PathActivity with(RawEvent event, FileSnapshot seen) {
        List<RawEvent> next = new ArrayList<>(events);
        if (event.kind() == MODIFY && last().kind() == MODIFY) {
            next.set(next.size() - 1, event);
        } else {
            next.add(event);
        }
        return new PathActivity(path, next, firstEventAt, windowStart, seen, sawDirectory || seen.directory());
    }

    /** This (older) activity followed by one that began while this one was away being re-checked. */
    public PathActivity followedBy(PathActivity later) {
        PathActivity merged = this;
        for (RawEvent event : later.events) {
            merged = merged.with(event, later.lastSeen);
        }
        return new PathActivity(path, merged.events, firstEventAt, windowStart, later.lastSeen,
                sawDirectory || later.sawDirectory);
    }

    /** The same activity after a re-check found the path still changing. */
    public PathActivity recheckedAt(long nowMillis, FileSnapshot seen) {
        return new PathActivity(path, events, firstEventAt, nowMillis, seen, sawDirectory || seen.directory());
    }

    public RawEvent last() {
        return events.get(events.size() - 1);
    }

    public boolean endsWithDelete() {
        return last().kind() == DELETE;
    }

    /**
     * Whether this is a file created and deleted again within the activity, and gone when last seen: no one can know
     * it (a temp file renamed over its target, or written and removed), so it comes to nothing.
     */
    public boolean cameAndWent() {
        return endsWithDelete() && !existedBefore() && !sawDirectory && !lastSeen.exists();
    }

    /**
     * Whether the activity can only come to nothing unless another event changes it: a file that came and went, or a
     * directory that was there and was only modified (an entry added or removed, its times set, as {@code rsync} and
     * {@code tar} do last): its entries report themselves. A later CREATE or DELETE makes it count again.
     */
    public boolean comesToNothing() {
        return cameAndWent() || onlyModifiedDirectory();
    }

    private boolean onlyModifiedDirectory() {
        return lastSeen.directory() && events.stream().allMatch(event -> event.kind() == MODIFY);
    }

    /** Whether the path was already there before this activity began (its first event is not a CREATE). */
    public boolean existedBefore() {
        return events.get(0).kind() != RawEvent.Kind.CREATE;
    }

    /** Whether the path was created within this activity: only then can it be the new half of a rename. */
    public boolean hasCreate() {
        return events.stream().anyMatch(event -> event.kind() == RawEvent.Kind.CREATE);
    }
}
