package dev.deltasync.camel;

/**
 * What the client link needs to know to reach and authenticate with its server.
 *
 * @param tls whether the link speaks TLS (to tell a TLS server that hangs up on a plain Hello from other failures)
 */
record ClientSettings(String host, int port, String clientId, String secret, int maxFrame, long heartbeatMs,
                      long reconnectMinMs, long reconnectMaxMs, long handshakeTimeoutMs, boolean tls) {
}
