package dev.deltasync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback (on a free port) that counts the bytes it forwards each way and, when armed, cuts every
 * connection (closes both sides) once a number of bytes went one way: a network that drops in mid-transfer.
 */
final class CuttingProxy implements AutoCloseable {

    enum Way { UP, DOWN }

    private final ServerSocket listener;
    private final int target;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Way cutWay;
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile boolean cut;

    CuttingProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = targetPort;
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, cuts every connection once {@code bytes} more went {@code way}. */
    void cutAfter(Way way, long bytes) {
        cut = false;
        cutWay = way;
        cutAfter = counter(way).get() + bytes;
    }

    /** Forwards everything again. */
    void heal() {
        cutAfter = Long.MAX_VALUE;
        cut = false;
    }

    boolean hasCut() {
        return cut;
    }

    long bytes(Way way) {
        return counter(way).get();
    }

    private AtomicLong counter(Way way) {
        return way == Way.UP ? up : down;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                pump(client, server, Way.UP);
                pump(server, client, Way.DOWN);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Way way) {
        AtomicLong counter = counter(way);
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            boolean discarding = false;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (discarding) {
                        continue; // the other way was cut: read on until the peer closes, so it sees no reset
                    }
                    if (way == cutWay && counter.get() + n >= cutAfter) {
                        int last = (int) Math.max(0, cutAfter - counter.get());
                        out.write(buffer, 0, last);
                        counter.addAndGet(last);
                        cut = true;
                        // the receiver gets every byte counted, then the end of the stream; the sender is cut off
                        to.shutdownOutput();
                        closeQuietly(from);
                        return;
                    }
                    try {
                        out.write(buffer, 0, n);
                        counter.addAndGet(n);
                    } catch (IOException othersideGone) {
                        discarding = true;
                    }
                }
            } catch (IOException ignored) {
                // one side closed: the pump ends
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(CuttingProxy::closeQuietly);
    }
}
