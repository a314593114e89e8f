package dev.deltasync.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that counts the frames clients send, by type: frame headers are never compressed, so the
 * type byte after each length prefix says what a client asked for. It also counts the bytes servers send.
 */
final class FrameTypeProxy implements AutoCloseable {

    private final Map<Integer, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final Relay relay;

    FrameTypeProxy(int targetPort) throws IOException {
        relay = Relay.start(new ServerSocket(0), targetPort, "frame-type-proxy", (client, server) -> {
            Relay.pump("frame-type-proxy", () -> countFrames(client, server));
            Relay.pump("frame-type-proxy", () -> Relay.copy(server, client, received));
        });
    }

    int port() {
        return relay.port();
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
        } catch (IOException e) {
            Relay.closeQuietly(to); // the end of the stream included
        }
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }
}
