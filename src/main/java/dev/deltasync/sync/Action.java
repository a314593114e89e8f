package dev.deltasync.sync;

/**
 * One step of a {@link Plan}. Every step that touches a folder carries what the reconciler saw there, so the
 * executor (via {@code FolderApplier}) can refuse instead of overwriting something newer.
 * {@link LastSyncedState#apply} records what each successful step means for the last-synced state.
 */
public sealed interface Action {

    /** The path this action is about (its destination for renames and conflict moves). */
    String path();

    /**
     * Make side {@code to} hold {@code source} (a file or symlink; directories use {@link Mkdir}).
     * A delta is possible when {@code targetBefore} is a file; otherwise the whole content is sent.
     *
     * @param targetBefore what {@code to} holds at that path now; null when absent
     * @param trashTarget  move the overwritten file to the trash first (mirror modes)
     */
    record Copy(Side to, FileEntry source, FileEntry targetBefore, boolean trashTarget) implements Action {
        public String path() { return source.path(); }
    }

    /** Remove {@code expected} (a file, symlink or now-empty directory) on side {@code on}. */
    record Delete(Side on, FileEntry expected, boolean toTrash) implements Action {
        public String path() { return expected.path(); }
    }

    /**
     * The other side renamed a file whose content {@code on} already holds at {@code from}: move it to
     * {@code target.path()} on {@code on} instead of deleting and re-sending it.
     */
    record Rename(Side on, String from, FileEntry target, FileEntry expectedFrom) implements Action {
        public String path() { return target.path(); }
    }

    /** Create the directory on side {@code on} (with its parents; an existing directory is fine). */
    record Mkdir(Side on, FileEntry dir) implements Action {
        public String path() { return dir.path(); }
    }

    /**
     * Move the conflict's loser aside on side {@code on}, to {@code conflictPath}. The plan then copies the winner
     * to {@code on} and the conflict copy to the other side.
     */
    record KeepAsConflict(Side on, FileEntry loser, String conflictPath) implements Action {
        public String path() { return conflictPath; }
    }

    /** Both sides already hold {@code agreed}: only the last-synced state changes. */
    record Record(FileEntry agreed) implements Action {
        public String path() { return agreed.path(); }
    }

    /** Both sides lack the path: only the last-synced state forgets it. */
    record Forget(String path) implements Action {
    }
}
