package dev.deltasync.server;

import dev.deltasync.rpc.RemoteException;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.sync.Mode;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.PutLines;
import dev.deltasync.wire.Rename;

/**
 * What a client may do to the server's folder, decided by the server's own mode whatever the client asks: a client
 * can be buggy or hostile. In mode 3 (the server mirrors its folder to the clients) a client changes nothing on the
 * server. In every other mode whatever a client's request replaces or deletes on the server goes to the server's
 * trash first, so it stays recoverable for the trash's retention.
 */
public final class ServerPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPolicy.class);

    private final Mode mode;

    public ServerPolicy(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Whether {@code request} would change the server's folder. */
    static boolean changesFolder(Message request) {
        return request instanceof PutFile || request instanceof PutBatch || request instanceof PutLines
                || request instanceof Delete || request instanceof Rename || request instanceof Mkdir;
    }

    /**
     * Refuses (and logs, naming the client and the paths) a change the server's mode lets no client make.
     *
     * @param client who asked, as the logs name it (id and address)
     * @throws RemoteException {@link ErrorCodes#NOT_ALLOWED}
     */
    public void check(Message request, String client) throws RemoteException {
        if (mode == Mode.MIRROR_SERVER_TO_CLIENT && changesFolder(request)) {
            String what = request.getClass().getSimpleName() + " of " + String.join(", ", PathsOf.message(request));
            LOG.warn("Refused a {} from {}: the server mirrors its folder to its clients (mode 3), a client may not "
                    + "change it", what, client);
            throw new RemoteException(ErrorCodes.NOT_ALLOWED, "the server is in mode 3 (it mirrors its folder to its "
                    + "clients): a client may not change it (" + what + " refused)");
        }
    }

    /**
     * Whether a file a client's request replaces or deletes on the server goes to the server's trash: always, in
     * every mode that lets a client change anything, whatever the request asked.
     */
    public boolean trashesWhatClientsReplace() {
        return true;
    }

    public Mode mode() {
        return mode;
    }
}
