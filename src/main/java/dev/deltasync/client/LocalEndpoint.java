package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;

import java.io.IOException;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/** The client's own folder as one side of a sync. */
final class LocalEndpoint implements Endpoint {

    private final LocalFolder folder;

    LocalEndpoint(LocalFolder folder) {
        this.folder = folder;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public void delete(FileEntry expected, boolean toTrash) throws IOException {
        folder.delete(expected, toTrash);
    }

    @Override
    public void rename(FileEntry expectedFrom, String to) throws IOException {
        folder.rename(expectedFrom.path(), to, expectedFrom);
    }

    @Override
    public void mkdir(FileEntry dir) throws IOException {
        folder.mkdir(dir);
    }

    @Override
    public void keepAsConflict(FileEntry loser, String conflictPath) throws IOException {
        folder.moveAside(loser, conflictPath);
    }

    @Override
    public void installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException {
        folder.installSymlink(link, before, toTrash);
    }
}
