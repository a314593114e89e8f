package dev.deltasync.camel;

import dev.deltasync.rpc.Connection;
import dev.deltasync.sync.Mode;

/** The server this client is connected to, as learned in the handshake. */
record ServerInfo(String serverId, Mode mode, Connection connection, boolean resumesUploads) {
}
