package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.CREATE;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Deleted;
import dev.deltasync.watch.ChangeIntent.DirCreated;
import dev.deltasync.watch.ChangeIntent.Modified;
import java.util.List;
import java.util.Optional;

/**
 * Collapses one path's burst of raw events, plus what the file system says now, into one
 * {@link ChangeIntent}. The watcher only knows CREATE, MODIFY and DELETE, so:
 * <ul>
 *   <li>temp file + rename over x arrives as CREATE tmp, DELETE tmp, MODIFY x: tmp came and went
 *       (nothing), x was modified;</li>
 *   <li>a move out of the folder is a DELETE (the path is gone), a move in is a CREATE (a
 *       directory moved in needs its subtree rescanned, its entries raise no events);</li>
 *   <li>a rename inside is DELETE old + CREATE new; both are reported, the reconciler pairs them.</li>
 * </ul>
 * Whether the path existed before the burst is read from its first event: anything but CREATE
 * means it was there.
 */
public final class ChangeClassifier {

    private final FileProbe probe;

    public ChangeClassifier(FileProbe probe) {
        this.probe = probe;
    }

    public Optional<ChangeIntent> classify(String path, List<RawEvent> events) {
        return classify(path, events, probe.probe(path));
    }

    /** @param now the path as it is now, when the caller has just looked at it */
    public Optional<ChangeIntent> classify(String path, List<RawEvent> events, FileSnapshot now) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events to classify for " + path);
        }
        boolean existedBefore = events.get(0).kind() != CREATE;
        if (!now.exists()) {
            return existedBefore ? Optional.of(new Deleted(path)) : Optional.empty();
        }
        if (now.directory()) {
            boolean appeared = events.stream().anyMatch(e -> e.kind() == CREATE);
            return appeared ? Optional.of(new DirCreated(path)) : Optional.empty();
        }
        return Optional.of(existedBefore ? new Modified(path) : new Created(path));
    }
}
