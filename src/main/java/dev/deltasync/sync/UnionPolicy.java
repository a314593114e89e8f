package dev.deltasync.sync;

/**
 * Modes 0 and 1: both folders end with the union of their content. Decisions are causal: a side "changed" a path
 * when its entry differs in content from the last-synced one; clocks are never compared.
 */
final class UnionPolicy {

    private final Side winnerSide;

    UnionPolicy(Side winnerSide) {
        this.winnerSide = winnerSide;
    }

    Resolution resolve(FileEntry base, FileEntry server, FileEntry client) {
        boolean serverChanged = changed(base, server);
        boolean clientChanged = changed(base, client);
        if (!serverChanged && !clientChanged) {
            return new Resolution.Final(client != null ? client : server);
        }
        if (!clientChanged) {
            return new Resolution.Final(server);
        }
        if (!serverChanged) {
            return new Resolution.Final(client);
        }
        if (server == null || client == null) {
            // Both deleted, or delete against modify: the surviving modification is kept.
            return new Resolution.Final(server != null ? server : client);
        }
        if (server.sameContent(client)) {
            return new Resolution.Final(winnerSide == Side.SERVER ? server : client);
        }
        return conflict(server, client);
    }

    private Resolution conflict(FileEntry server, FileEntry client) {
        // A directory keeps its name whatever the mode: moving a whole tree aside would rename and resend every
        // file in it, whereas the file that loses only changes its name.
        if (server.isDir()) {
            return new Resolution.Conflicting(Side.SERVER, server, client);
        }
        if (client.isDir()) {
            return new Resolution.Conflicting(Side.CLIENT, client, server);
        }
        return winnerSide == Side.SERVER
                ? new Resolution.Conflicting(Side.SERVER, server, client)
                : new Resolution.Conflicting(Side.CLIENT, client, server);
    }

    static boolean changed(FileEntry base, FileEntry current) {
        return base == null ? current != null : !base.sameContent(current);
    }
}
