package dev.deltasync.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.sync.IgnoreRules;

/**
 * First step after the watcher: drops events for the folder's own metadata ({@code .deltasync/}), for
 * ignored names and for paths that still hold exactly what this process itself wrote there (the echoes of a
 * sync: 10,000 received files are some 20,000 events, and each one carried through the debouncer cost the
 * server about as much CPU as installing the file), and stamps the rest as {@link RawEvent}s. An event on
 * {@code .deltasyncignore} reloads the ignore patterns. An echo that arrives before its write is recorded
 * goes the long way and is dropped at the end (EchoFilter), so nothing depends on the order.
 */
public final class EventGate {

    private static final Logger LOG = LoggerFactory.getLogger(EventGate.class);

    public static final String METADATA_DIR = ".deltasync";

    private final Path folder;
    private final Clock clock;
    private final Predicate<String> ourOwnWrite;
    private volatile IgnoreRules ignores;

    public EventGate(Path folder, Clock clock) {
        this(folder, clock, path -> false);
    }

    /** @param ourOwnWrite whether a path still holds exactly what this process wrote there */
    public EventGate(Path folder, Clock clock, Predicate<String> ourOwnWrite) {
        this.folder = folder;
        this.clock = clock;
        this.ourOwnWrite = ourOwnWrite;
        this.ignores = load(folder);
    }

    /** The same rules the scanner uses, so the watcher and a rescan never disagree on what is synced. */
    private static IgnoreRules load(Path folder) {
        try {
            return IgnoreRules.load(folder);
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); using the default ignore patterns", folder.resolve(IgnoreRules.FILE_NAME),
                    e.getMessage());
            return IgnoreRules.of(List.of());
        }
    }

    /** Whether an event on {@code relPath} is worth reporting. */
    public boolean admits(String relPath) {
        String path = normalise(relPath);
        if (path.isEmpty() || path.equals(METADATA_DIR) || path.startsWith(METADATA_DIR + "/")) {
            return false;
        }
        if (path.equals(IgnoreRules.FILE_NAME)) {
            ignores = load(folder);
        }
        // our own echo first: a map look-up for most paths, and for an echo its one stat replaces the one below
        return !ourOwnWrite.test(path)
                && !ignores.ignored(path, Files.isDirectory(folder.resolve(path), LinkOption.NOFOLLOW_LINKS));
    }

    /** @param kind the watcher's event type: CREATE, MODIFY or DELETE */
    public RawEvent toRawEvent(String kind, String relPath) {
        return toRawEvent(kind, relPath, clock.millis());
    }

    /**
     * @param kind         the watcher's event type: CREATE, MODIFY or DELETE
     * @param seenAtMillis when the watcher library saw the event (same clock as ours): the quiet period counts from
     *                     then, not from when our route got to it (see {@link PathDebouncer#holdMillis})
     */
    public RawEvent toRawEvent(String kind, String relPath, long seenAtMillis) {
        return new RawEvent(RawEvent.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), normalise(relPath),
                Math.min(seenAtMillis, clock.millis()));
    }

    private static String normalise(String relPath) {
        return relPath.replace('\\', '/');
    }
}
