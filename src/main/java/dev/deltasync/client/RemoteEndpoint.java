package dev.deltasync.client;

import java.io.IOException;
import java.io.InputStream;

import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/**
 * The server's folder as one side of a sync, over the connection ({@link RemoteFolder}). The server checks
 * every expected version itself; a directory is named without a hash (it has none) and never goes to the trash.
 */
final class RemoteEndpoint implements Endpoint {

    private final RemoteFolder remote;

    RemoteEndpoint(RemoteFolder remote) {
        this.remote = remote;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    @Override
    public void delete(FileEntry expected, boolean toTrash) throws IOException {
        if (expected.isDir()) {
            remote.delete(expected.path(), "", false);
        } else {
            remote.delete(expected.path(), expected.hash(), toTrash);
        }
    }

    @Override
    public void rename(FileEntry expectedFrom, String to) throws IOException {
        remote.rename(expectedFrom.path(), to, expectedFrom.hash());
    }

    @Override
    public void mkdir(FileEntry dir) throws IOException {
        remote.mkdir(dir.path(), dir.mode());
    }

    @Override
    public void keepAsConflict(FileEntry loser, String conflictPath) throws IOException {
        remote.rename(loser.path(), conflictPath, loser.hash());
    }

    /** The server's acknowledgement is not waited for: a link that failed there is sent again next cycle. */
    @Override
    public void installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException {
        remote.push(link, before == null ? "" : before.hash(), Signature.empty(), InputStream.nullInputStream());
    }
}
