package dev.deltasync.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that counts the frames clients send, by type: frame headers are never compressed, so the
 * type byte after each length prefix says what a client asked for. It also counts the bytes servers send.
 */
final class FrameTypeProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Map<Integer, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    FrameTypeProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0);
        this.target = targetPort;
        Thread acceptor = new Thread(this::accept, "frame-type-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Frames of this type clients sent so far. */
    int sent(dev.deltasync.wire.MessageType type) {
        AtomicInteger count = sent.get(type.code());
        return count == null ? 0 : count.get();
    }

    /** Bytes servers sent to clients so far. */
    long receivedBytes() {
        return received.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", target);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                start(() -> countFrames(client, server));
                start(() -> copy(server, client, received));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void countFrames(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
             OutputStream out = to.getOutputStream()) {
            while (true) {
                ByteArrayOutputStream prefix = new ByteArrayOutputStream();
                long length = 0;
                for (int shift = 0; ; shift += 7) {
                    int b = in.readUnsignedByte();
                    prefix.write(b);
                    length |= (long) (b & 0x7F) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
                byte[] body = new byte[(int) length];
                in.readFully(body);
                sent.computeIfAbsent(body[0] & 0xFF, t -> new AtomicInteger()).incrementAndGet();
                out.write(prefix.toByteArray());
                out.write(body);
                out.flush();
            }
        } catch (EOFException e) {
            closeQuietly(to);
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void copy(Socket from, Socket to, java.util.concurrent.atomic.AtomicLong counter) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
        } catch (IOException ignored) {
            // one side closed: the pump ends
        } finally {
            closeQuietly(to);
        }
    }

    private static void start(Runnable pump) {
        Thread t = new Thread(pump, "frame-type-proxy-pump");
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
    }
}
