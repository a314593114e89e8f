package dev.deltasync.camel;

import dev.deltasync.rpc.Connection;
import dev.deltasync.sync.Mode;

/**
 * The server this client is connected to, as learned in the handshake, and what its pushes told ahead of the next
 * cycle.
 */
record ServerInfo(String serverId, Mode mode, Connection connection, boolean resumesUploads,
                  dev.deltasync.client.PushedChanges pushes) {
}
