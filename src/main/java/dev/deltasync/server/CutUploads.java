package dev.deltasync.server;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.PartialStore;
import dev.deltasync.rpc.RemoteException;
import dev.deltasync.rsync.PrefixPatcher;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.rsync.SignatureFormat;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetPartial;
import dev.deltasync.wire.PutFile;

/**
 * The server's side of resuming uploads: keeps what arrived of a client's upload that was cut off (rebuilt from the
 * spooled part of its delta), tells that client what it holds ({@link GetPartial}), and gives the basis of the
 * resumed upload. Partials are kept per client ({@link PartialStore}, by the id the client authenticated with): a
 * client can neither see nor use another's, and only ever as a basis whose result is verified whole.
 */
public final class CutUploads {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private static final String RESUMED = "resumed";
    private static final String CURRENT = "current";
    private static final String SIMILAR = "similar:";

    private final LocalFolder folder;

    CutUploads(LocalFolder folder) {
        this.folder = folder;
    }

    /** Answers {@link GetPartial}: bytes held and the size that was coming, then the basis' signature if any. */
    void answer(String clientId, String who, GetPartial get, OutputStream stream) throws IOException {
        Optional<PartialStore.Partial> kept = folder.partials().find(clientId, get.path());
        DataOutputStream out = new DataOutputStream(stream);
        if (kept.isEmpty()) {
            out.writeLong(0);
            out.writeLong(0);
            out.flush();
            return;
        }
        PartialStore.Partial partial = kept.get();
        LOG.info("Resuming {} from {}: {} already here", get.path(), who, partial.describeHeld());
        out.writeLong(partial.held());
        out.writeLong(partial.targetSize());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(partial.data()), 1 << 16)) {
            SignatureFormat.write(SignatureBuilder.build(in, Files.size(partial.data())), out);
        }
        out.flush();
    }

    /**
     * Where the stream of {@code request} is spooled: a big upload's in the client's partial folder, so that what
     * arrived survives a server killed mid-transfer ({@link #recovery}); anything else in the temp folder.
     */
    Path spoolFor(String clientId, dev.deltasync.wire.Message request) throws IOException {
        if (request instanceof PutFile put && resumable(put.target())) {
            String basis = put.resumed() ? RESUMED : !put.basisPath().isEmpty() ? SIMILAR + put.basisPath()
                    : put.basisHash().isEmpty() ? "" : CURRENT;
            return folder.partials().incoming(clientId, put.target().path(), put.target().hash(), put.target().size(),
                    basis);
        }
        return folder.newTempFile();
    }

    /** The stream's spool is of no more use. */
    void discard(Path spool) throws IOException {
        folder.partials().doneIncoming(spool);
        Files.deleteIfExists(spool);
    }

    /** At start-up: keeps what arrived of the uploads the server was receiving when it was killed. */
    public static PartialStore.Recovery recovery(LocalFolder folder) {
        return incoming -> {
            Path basis = switch (incoming.basis()) {
                case "" -> null;
                case RESUMED -> folder.partials().find(incoming.peer(), incoming.path())
                        .map(PartialStore.Partial::data).orElse(null);
                case CURRENT -> folder.resolve(incoming.path());
                default -> folder.resolve(incoming.basis().substring(SIMILAR.length()));
            };
            if (basis != null && !Files.isRegularFile(basis, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            keep(folder, incoming.peer(), incoming.path(), incoming.targetHash(), incoming.targetSize(),
                    incoming.spool(), basis, "client " + incoming.peer() + " (before the server stopped)");
        };
    }

    /** The basis of a resumed upload: what was kept of this client's cut upload of the same file. */
    Path basis(String clientId, PutFile put) throws IOException {
        return folder.partials().find(clientId, put.target().path()).map(PartialStore.Partial::data)
                .orElseThrow(() -> new RemoteException(ErrorCodes.CHANGED_SINCE_SCAN, "nothing is kept of an"
                        + " interrupted upload of " + put.target().path() + " any more; the client sends it again"));
    }

    /** Keeps what the spooled part of a cut upload's delta rebuilds, if the file is big enough to be worth it. */
    void keep(String clientId, String who, PutFile put, Path spool) {
        FileEntry target = put.target();
        if (!resumable(target)) {
            return;
        }
        try {
            keep(folder, clientId, target.path(), target.hash(), target.size(), spool, basisOfCut(clientId, put), who);
        } catch (IOException | RuntimeException e) {
            LOG.info("Did not keep what arrived of {} from {} ({}); it will be sent again from the start",
                    target.path(), who, e.getMessage());
        }
    }

    private static void keep(LocalFolder folder, String clientId, String path, String hash, long size, Path spool,
                             Path basis, String who) throws IOException {
        folder.partials().keep(clientId, path, hash, size, out -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(spool), 1 << 16)) {
                return PrefixPatcher.patchPrefix(basis, in, out, size);
            }
        }, basis).ifPresent(kept -> LOG.info("Kept {} of {} from {} that arrived before the connection was cut;"
                + " its next upload resumes from there", kept.describeHeld(), path, who));
    }

    private static boolean resumable(FileEntry target) {
        return target.isFile() && target.size() >= PartialStore.MIN_SIZE;
    }

    /** The file the cut delta was made against: the kept partial, a similar file, our version, or none. */
    private Path basisOfCut(String clientId, PutFile put) throws IOException {
        if (put.resumed()) {
            return basis(clientId, put);
        }
        if (!put.basisPath().isEmpty()) {
            return folder.resolve(put.basisPath());
        }
        FileEntry current = folder.current(put.target().path());
        return current != null && current.isFile() && !put.basisHash().isEmpty()
                ? folder.resolve(put.target().path()) : null;
    }
}
