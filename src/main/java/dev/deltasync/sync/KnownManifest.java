package dev.deltasync.sync;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last manifest received from a server and its version, kept with the sync state so that the next
 * sync asks only for what changed since. Changes become durable with the state's next commit, together
 * with the version they belong to.
 */
public interface KnownManifest {

    /** The version held, "" when none. */
    String version();

    /** The entries held, read-only; they may follow later changes. */
    Map<String, FileEntry> entries();

    /** Keeps a whole manifest. */
    void replace(String version, Collection<FileEntry> entries);

    /** Applies a difference against the version held. */
    void apply(String version, Collection<FileEntry> changed, Collection<String> removed);

    /**
     * The paths {@link #apply} changed since the last call, and starts noting anew; empty when they are not known
     * (the first call, or a whole manifest was kept since), so that the caller looks at every path.
     */
    default Optional<Set<String>> takeChangedPaths() {
        return Optional.empty();
    }
}
