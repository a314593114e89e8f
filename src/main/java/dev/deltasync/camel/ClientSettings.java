package dev.deltasync.camel;

/** What the client link needs to know to reach and authenticate with its server. */
record ClientSettings(String host, int port, String clientId, String secret, int maxFrame, long heartbeatMs,
                      long reconnectMinMs, long reconnectMaxMs, long handshakeTimeoutMs) {
}
