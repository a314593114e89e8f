package dev.deltasync.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.deltasync.camel.DeltaSyncRunner;

/** Real deltasync servers and clients on loopback, in this JVM, for end-to-end tests. */
final class Peers {

    private Peers() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Map<String, String> serverProps(Path dir, int port, int mode, String secret) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.bind", "127.0.0.1");
        p.put("deltasync.mode", Integer.toString(mode));
        p.put("deltasync.secret", secret);
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        return p;
    }

    static Map<String, String> clientProps(Path dir, int port, String secret) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.host", "127.0.0.1");
        p.put("deltasync.secret", secret);
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        p.put("deltasync.connect-timeout-ms", "5000");
        p.put("deltasync.reconnect-min-ms", "100");
        p.put("deltasync.reconnect-max-ms", "1000");
        // loopback: a round trip is the peers' own work however long a loaded machine makes it, so every refinement
        // round is asked for and the bytes the tests bound do not depend on the load (beyond 10 ms they would)
        p.put("deltasync.local-round-trip-ms", "60000");
        return p;
    }

    /** A server running in a background thread until closed. */
    static final class Running implements AutoCloseable {
        private final DeltaSyncRunner runner;
        private final Thread thread;

        Running(DeltaSyncRunner runner, String name) {
            this.runner = runner;
            this.thread = new Thread(runner::runUntilStopped, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            runner.stop();
            thread.join(15_000);
        }
    }

    static Running server(Path dir, int port, int mode, String secret) {
        return running(DeltaSyncRunner.server(serverProps(dir, port, mode, secret)), port);
    }

    /** Runs a server built by the caller and waits until it listens on {@code port}. */
    static Running running(DeltaSyncRunner server, int port) {
        Running running = new Running(server, "server-" + port);
        await().atMost(Duration.ofSeconds(30)).until(() -> listening(port));
        return running;
    }

    /** A live client (watching its folder, following the server's pushes) until closed. */
    static Running liveClient(Path dir, int port, String secret) {
        return new Running(DeltaSyncRunner.client(clientProps(dir, port, secret)), "client-" + dir.getFileName());
    }

    static int clientOnce(Path dir, int port, String secret) {
        return DeltaSyncRunner.client(clientProps(dir, port, secret)).runOnce();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
