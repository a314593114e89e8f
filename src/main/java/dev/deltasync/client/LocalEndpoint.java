package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.Pending;

import java.io.IOException;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/**
 * The client's own folder as one side of a sync: each operation is done when it returns, but for a deletion's
 * fsync, which the answer awaits.
 */
final class LocalEndpoint implements Endpoint {

    private static final Pending<Void> DONE = () -> null;

    private final LocalFolder folder;

    LocalEndpoint(LocalFolder folder) {
        this.folder = folder;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public Pending<Void> delete(FileEntry expected, boolean toTrash) throws IOException {
        return folder.startDelete(expected, toTrash);
    }

    @Override
    public Pending<Void> rename(FileEntry expectedFrom, String to) throws IOException {
        folder.rename(expectedFrom.path(), to, expectedFrom);
        return DONE;
    }

    @Override
    public Pending<Void> mkdir(FileEntry dir) throws IOException {
        folder.mkdir(dir);
        return DONE;
    }

    @Override
    public Pending<Void> keepAsConflict(FileEntry loser, String conflictPath) throws IOException {
        folder.moveAside(loser, conflictPath);
        return DONE;
    }

    @Override
    public Pending<Void> installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException {
        folder.installSymlink(link, before, toTrash);
        return DONE;
    }
}
