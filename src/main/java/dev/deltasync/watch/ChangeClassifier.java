package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.CREATE;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Deleted;
import dev.deltasync.watch.ChangeIntent.DirCreated;
import dev.deltasync.watch.ChangeIntent.Modified;
import java.util.Optional;

/**
 * Collapses one path's burst of raw events ({@link PathActivity}), plus what the file system says
 * now, into one {@link ChangeIntent}. The watcher only knows CREATE, MODIFY and DELETE, so:
 * <ul>
 *   <li>temp file + rename over x arrives as CREATE tmp, DELETE tmp, MODIFY x: tmp came and went
 *       (nothing), x was modified;</li>
 *   <li>a move out of the folder is a DELETE (the path is gone), a move in is a CREATE (a
 *       directory moved in needs its subtree rescanned, its entries raise no events);</li>
 *   <li>a rename inside is DELETE old + CREATE new; both are reported, the reconciler pairs them.</li>
 * </ul>
 * A directory that came and went is still reported as deleted: entries inside it may have been
 * reported on their own while it was pending, so the other side may have it.
 */
public final class ChangeClassifier {

    private final FileProbe probe;

    public ChangeClassifier(FileProbe probe) {
        this.probe = probe;
    }

    public Optional<ChangeIntent> classify(PathActivity activity) {
        return classify(activity, probe.probe(activity.path()));
    }

    /** @param now the path as it is now, when the caller has just looked at it */
    public Optional<ChangeIntent> classify(PathActivity activity, FileSnapshot now) {
        String path = activity.path();
        if (!now.exists()) {
            boolean mayBeKnown = activity.existedBefore() || activity.sawDirectory();
            return mayBeKnown ? Optional.of(new Deleted(path)) : Optional.empty();
        }
        if (now.directory()) {
            boolean appeared = activity.events().stream().anyMatch(e -> e.kind() == CREATE);
            return appeared ? Optional.of(new DirCreated(path)) : Optional.empty();
        }
        return Optional.of(activity.existedBefore() ? new Modified(path) : new Created(path));
    }
}
