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

    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Way cutWay;
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile boolean cut;
    private final Relay relay;

    CuttingProxy(int targetPort) throws IOException {
        relay = Relay.start(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort, "cutting-proxy",
                (client, server) -> {
                    open.add(client);
                    open.add(server);
                    pump(client, server, Way.UP);
                    pump(server, client, Way.DOWN);
                });
    }

    int port() {
        return relay.port();
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

    private void pump(Socket from, Socket to, Way way) {
        AtomicLong counter = counter(way);
        Relay.pump("cutting-proxy", () -> {
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
                        Relay.closeQuietly(from);
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
            Relay.closeQuietly(from);
            Relay.closeQuietly(to);
        });
    }

    @Override
    public void close() throws IOException {
        relay.close();
        open.forEach(Relay::closeQuietly);
    }
}
