package dev.deltasync.client;

import java.io.IOException;

import dev.deltasync.rpc.Pending;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/**
 * One side of a sync as a cycle acts on it: the client's own folder ({@link LocalEndpoint}) or the server's, over
 * the connection ({@link RemoteEndpoint}). Each operation means the same on both sides, and each re-checks that
 * what it changes is still what the plan saw ({@code expected}), refusing instead of overwriting something newer.
 * The file copies of a plan go through {@link Transfers}, which keeps many under way at once.
 * <p>
 * Each operation returns once it is under way and is carried out after every operation started before it on
 * the same endpoint; its {@link Pending} answers whether it was done (a failure is thrown by {@code await}, or at
 * once). So a run of deletions on the server costs one round trip, not one per file.
 */
public interface Endpoint {

    /** Which side this is (for logs and the sync state). */
    Side side();

    /** Removes {@code expected} (a file, symlink or empty directory), into the trash if {@code toTrash}. */
    Pending<Void> delete(FileEntry expected, boolean toTrash) throws IOException;

    /** Moves {@code expectedFrom} to {@code to}. */
    Pending<Void> rename(FileEntry expectedFrom, String to) throws IOException;

    /** Creates the directory (with its parents; an existing one is fine). */
    Pending<Void> mkdir(FileEntry dir) throws IOException;

    /** Moves a conflict's losing version aside to {@code conflictPath}, where it stays. */
    Pending<Void> keepAsConflict(FileEntry loser, String conflictPath) throws IOException;

    /** Makes {@code link} hold its target, replacing {@code before} (null: nothing there), into the trash if asked. */
    Pending<Void> installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException;
}
