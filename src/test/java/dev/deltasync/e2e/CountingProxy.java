package dev.deltasync.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP proxy on loopback that counts the bytes it forwards each way: the referee for byte accounting. */
final class CountingProxy implements AutoCloseable {

    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final Relay relay;

    CountingProxy(int listenPort, int targetPort) throws IOException {
        relay = Relay.start(new ServerSocket(listenPort), targetPort, "counting-proxy", (client, server) -> {
            Relay.pump("counting-proxy", () -> Relay.copy(client, server, up));
            Relay.pump("counting-proxy", () -> Relay.copy(server, client, down));
        });
    }

    long clientToServer() {
        return up.get();
    }

    long serverToClient() {
        return down.get();
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
