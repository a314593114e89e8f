package dev.deltasync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP proxy on loopback that counts the bytes it forwards each way: the referee for byte accounting. */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();

    CountingProxy(int listenPort, int targetPort) throws IOException {
        this.listener = new ServerSocket(listenPort);
        this.target = targetPort;
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    long clientToServer() {
        return up.get();
    }

    long serverToClient() {
        return down.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pump(client, server, up);
                pump(server, client, down);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
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
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
