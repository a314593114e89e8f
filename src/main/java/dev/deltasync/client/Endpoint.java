package dev.deltasync.client;

import java.io.IOException;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/**
 * One side of a sync as a cycle acts on it: the client's own folder ({@link LocalEndpoint}) or the server's, over
 * the connection ({@link RemoteEndpoint}). Each operation means the same on both sides, and each re-checks that
 * what it changes is still what the plan saw ({@code expected}), refusing instead of overwriting something newer.
 * The file copies of a plan go through {@link Transfers}, which keeps many under way at once.
 */
public interface Endpoint {

    /** Which side this is (for logs and the sync state). */
    Side side();

    /** Removes {@code expected} (a file, symlink or empty directory), into the trash if {@code toTrash}. */
    void delete(FileEntry expected, boolean toTrash) throws IOException;

    /** Moves {@code expectedFrom} to {@code to}. */
    void rename(FileEntry expectedFrom, String to) throws IOException;

    /** Creates the directory (with its parents; an existing one is fine). */
    void mkdir(FileEntry dir) throws IOException;

    /** Moves a conflict's losing version aside to {@code conflictPath}, where it stays. */
    void keepAsConflict(FileEntry loser, String conflictPath) throws IOException;

    /** Makes {@code link} hold its target, replacing {@code before} (null: nothing there), into the trash if asked. */
    void installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException;
}
