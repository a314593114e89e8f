package dev.deltasync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The loop of the test proxies: accepts connections on its listener, connects each to the target port on loopback
 * and hands both sockets to the proxy, which starts a pump each way ({@link #copy} for a plain one).
 */
final class Relay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final BiConsumer<Socket, Socket> connected;

    private Relay(ServerSocket listener, int target, BiConsumer<Socket, Socket> connected) {
        this.listener = listener;
        this.target = target;
        this.connected = connected;
    }

    /** Starts accepting; {@code connected} gets each client's socket and its server's. */
    static Relay start(ServerSocket listener, int target, String name, BiConsumer<Socket, Socket> connected) {
        Relay relay = new Relay(listener, target, connected);
        Thread acceptor = new Thread(relay::accept, name);
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                connected.accept(client, server);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Runs a pump on a daemon thread of its own. */
    static void pump(String name, Runnable pump) {
        Thread t = new Thread(pump, name + "-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Copies what {@code from} sends to {@code to}, counted, until {@code from} ends; then ends {@code to}'s input. */
    static void copy(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
        } catch (IOException ignored) {
            // one side closed: the pump ends
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
