package dev.deltasync.camel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Properties of an embedded role on loopback for the tests of this package, and a port nothing listens on. */
final class EmbeddedRoles {

    private EmbeddedRoles() {
    }

    /** A role sharing {@code dir} on {@code port}: short quiet period, no periodic rescan, quick reconnects. */
    static Map<String, String> props(Path dir, int port) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        p.put("deltasync.reconnect-min-ms", "100");
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
