package dev.deltasync.camel;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.deltasync.rpc.Connection;
import dev.deltasync.sync.Mode;

/**
 * The server this client is connected to, as learned in the handshake, and what its pushes told ahead of the next
 * cycle.
 *
 * @param settlesManifests whether the server takes manifest requests that wait for its watcher (SETTLED_MANIFEST)
 * @param servesCachedBases whether the server answers a download against its signature of our version (CACHED_BASIS)
 * @param firstCycle       set until the first cycle on this connection takes it ({@link #takeFirstCycle})
 */
record ServerInfo(String serverId, Mode mode, Connection connection, boolean resumesUploads,
                  dev.deltasync.client.PushedChanges pushes, boolean settlesManifests, boolean servesCachedBases,
                  AtomicBoolean firstCycle) {

    ServerInfo(String serverId, Mode mode, Connection connection, boolean resumesUploads,
               dev.deltasync.client.PushedChanges pushes, boolean settlesManifests, boolean servesCachedBases) {
        this(serverId, mode, connection, resumesUploads, pushes, settlesManifests, servesCachedBases,
                new AtomicBoolean(true));
    }

    /**
     * Whether the cycle about to run is the first on this connection and should ask for a manifest that takes in
     * what the server's watcher still holds: a client that just connected (or a --once) has seen no push for it.
     */
    boolean takeFirstCycle() {
        return firstCycle.getAndSet(false) && settlesManifests;
    }
}
