package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process itself last wrote or removed under each path, so that the watcher's report of our
 * own write is recognised as an echo and not sent back: a path is an echo while the disk still shows
 * exactly what we left there (same kind, size and mtime, or still absent). A later edit by anyone
 * changes that and is reported as usual. Records expire after a while, so the map stays small.
 */
public final class AppliedChanges {

    private static final long KEEP_MILLIS = 10 * 60 * 1000L;

    private record Left(FileEntry entry, long at) {
    }

    private final Path root;
    private final Clock clock;
    private final Map<String, Left> left = new ConcurrentHashMap<>();

    public AppliedChanges(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** We left {@code entry} at its path (a file, directory or link). */
    public void wrote(FileEntry entry) {
        left.put(entry.path(), new Left(entry, clock.millis()));
    }

    /** We removed whatever was at {@code path}. */
    public void removed(String path) {
        left.put(path, new Left(null, clock.millis()));
    }

    /** The paths of {@code reported} that are not just the echo of our own writes. */
    public List<String> genuine(Collection<String> reported) {
        long now = clock.millis();
        left.values().removeIf(l -> now - l.at() > KEEP_MILLIS);
        return reported.stream().filter(path -> !isEcho(path)).toList();
    }

    /**
     * Whether the disk still shows exactly what we left at {@code path}: an event there is the echo of our own
     * write. Cheap (one stat), so the watcher asks it for every event before any debouncing.
     */
    public boolean isEcho(String path) {
        Left ours = left.get(path);
        if (ours == null) {
            return false;
        }
        Path file = root.resolve(path);
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return ours.entry() == null;
        }
        FileEntry entry = ours.entry();
        if (entry == null) {
            return false;
        }
        return switch (entry.kind()) {
            case DIR -> now.isDirectory();
            case SYMLINK -> now.isSymbolicLink();
            case FILE -> now.isRegularFile() && now.size() == entry.size()
                    && now.lastModifiedTime().toMillis() == entry.mtimeMillis();
        };
    }
}
