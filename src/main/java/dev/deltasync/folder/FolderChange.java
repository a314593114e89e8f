package dev.deltasync.folder;

import dev.deltasync.sync.FileEntry;

/**
 * A change a sync applied to this side's folder, as reported by {@link LocalFolder} once it is on disk. Files only:
 * directories and links are created and removed without a report.
 *
 * @param type     what happened
 * @param entry    the file now at {@code path} (for DELETED and TRASHED: the file that went)
 * @param previous the path it had before (RENAMED, CONFLICT_KEPT: the original's path); "" otherwise
 */
public record FolderChange(Type type, FileEntry entry, String previous) {

    public enum Type { ARRIVED, UPDATED, DELETED, RENAMED, CONFLICT_KEPT, TRASHED }

    /** Told every change, on the thread that applied it; it must not block for long. */
    @FunctionalInterface
    public interface Listener {
        void applied(FolderChange change);
    }

    public String path() {
        return entry.path();
    }
}
