package dev.deltasync.client;

import java.io.IOException;
import java.io.InputStream;

import dev.deltasync.rpc.Pending;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;

/**
 * The server's folder as one side of a sync, over the connection ({@link RemoteFolder}). Each operation is one
 * request sent without waiting; the server handles a connection's requests in the order they came, so a run of
 * them is carried out in order and answered together. The server checks every expected version itself; a
 * directory is named without a hash (it has none) and never goes to the trash.
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
    public Pending<Void> delete(FileEntry expected, boolean toTrash) throws IOException {
        if (expected.isDir()) {
            return remote.delete(expected.path(), "", false);
        }
        return remote.delete(expected.path(), expected.hash(), toTrash);
    }

    @Override
    public Pending<Void> rename(FileEntry expectedFrom, String to) throws IOException {
        return remote.rename(expectedFrom.path(), to, expectedFrom.hash());
    }

    @Override
    public Pending<Void> mkdir(FileEntry dir) throws IOException {
        return remote.mkdir(dir.path(), dir.mode());
    }

    @Override
    public Pending<Void> keepAsConflict(FileEntry loser, String conflictPath) throws IOException {
        return remote.rename(loser.path(), conflictPath, loser.hash());
    }

    @Override
    public Pending<Void> installSymlink(FileEntry link, FileEntry before, boolean toTrash) throws IOException {
        Pending<?> installed = remote.push(link, before == null ? "" : before.hash(), Signature.empty(),
                InputStream.nullInputStream());
        return () -> {
            installed.await();
            return null;
        };
    }
}
