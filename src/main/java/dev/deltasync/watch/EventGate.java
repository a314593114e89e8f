package dev.deltasync.watch;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * First step after the watcher: drops events for the folder's own metadata ({@code .deltasync/})
 * and for ignored names, and stamps the rest as {@link RawEvent}s. An event on
 * {@code .deltasyncignore} reloads the ignore patterns.
 */
public final class EventGate {

    public static final String METADATA_DIR = ".deltasync";

    private final Path folder;
    private final Clock clock;
    private volatile IgnoreMatcher ignores;

    public EventGate(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
        this.ignores = GlobIgnoreMatcher.forFolder(folder);
    }

    /** Whether an event on {@code relPath} is worth reporting. */
    public boolean admits(String relPath) {
        String path = normalise(relPath);
        if (path.isEmpty() || path.equals(METADATA_DIR) || path.startsWith(METADATA_DIR + "/")) {
            return false;
        }
        if (path.equals(GlobIgnoreMatcher.IGNORE_FILE)) {
            ignores = GlobIgnoreMatcher.forFolder(folder);
        }
        return !ignores.ignores(path);
    }

    /** @param kind the watcher's event type: CREATE, MODIFY or DELETE */
    public RawEvent toRawEvent(String kind, String relPath) {
        return new RawEvent(RawEvent.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), normalise(relPath), clock.millis());
    }

    private static String normalise(String relPath) {
        return relPath.replace('\\', '/');
    }
}
