package dev.deltasync.e2e;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;

import dev.deltasync.wire.Authenticator;
import dev.deltasync.wire.StreamDecompressor;
import dev.deltasync.wire.WireLimits;
import dev.deltasync.wire.ClientHandshake;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.FrameHeader;

/** A hand-driven client speaking raw frames over a plain socket: for hostile and malformed input. */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int nextId = 1;
    private final StreamDecompressor inflater = new StreamDecompressor();

    RawPeer(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Authenticates like a real client would. */
    static RawPeer authenticated(int port, String secret) throws IOException {
        return authenticated(port, secret, dev.deltasync.wire.Capabilities.OFFERED);
    }

    /** Authenticates announcing the capabilities {@code offered} (all that protocol 3 requires, and any optional ones). */
    static RawPeer authenticated(int port, String secret, long offered) throws IOException {
        return handshake(new RawPeer(port), secret, offered);
    }

    /**
     * Authenticates with a receive buffer of about {@code receiveBuffer} bytes, so that a peer that then stops
     * reading holds back its server after little data.
     */
    static RawPeer authenticatedWithReceiveBuffer(int port, String secret, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        return handshake(new RawPeer(socket), secret, dev.deltasync.wire.Capabilities.OFFERED);
    }

    private static RawPeer handshake(RawPeer peer, String secret, long offered) throws IOException {
        ClientHandshake handshake = new ClientHandshake(new Authenticator(secret), "raw-test-peer", offered);
        Message challenge = peer.ask(handshake.hello());
        peer.send(MessageCodec.encode(handshake.onChallenge((dev.deltasync.wire.Challenge) challenge), peer.nextId++));
        return peer;
    }

    /** Sends a request and does not read the answer. */
    void tell(Message message) throws IOException {
        send(MessageCodec.encode(message, nextId++));
    }

    /** Bytes received and not read yet (without reading them). */
    int unread() throws IOException {
        return in.available();
    }

    Message ask(Message message) throws IOException {
        int id = nextId++;
        send(MessageCodec.encode(message, id));
        return receive();
    }

    /** Like {@link #ask}, passing over the server's Changed pushes. */
    Message askPastPushes(Message message) throws IOException {
        int id = nextId++;
        send(MessageCodec.encode(message, id));
        Message answer = receive();
        while (answer instanceof dev.deltasync.wire.Changed) {
            answer = receive();
        }
        return answer;
    }

    /** Sends a request that opens a stream and the stream in Data frames of {@code chunk} bytes, without its End. */
    void sendStreamWithoutEnd(Message opening, byte[] stream, int chunk) throws IOException {
        int id = nextId++;
        send(MessageCodec.encode(opening, id));
        for (int at = 0; at < stream.length; at += chunk) {
            send(MessageCodec.encode(new dev.deltasync.wire.Data(java.util.Arrays.copyOfRange(stream, at,
                    Math.min(stream.length, at + chunk))), id));
        }
    }

    /** Sends a request that opens a stream, the stream in Data frames of {@code chunk} bytes and its End; reads nothing. */
    void tellWithStream(Message opening, byte[] stream, int chunk) throws IOException {
        sendStreamWithoutEnd(opening, stream, chunk);
        send(MessageCodec.encode(new dev.deltasync.wire.End(stream.length, ""), nextId - 1));
    }

    /** Sends a request that opens a stream, the stream in one Data frame, its End, and reads the answer. */
    Message askWithStream(Message opening, byte[] stream) throws IOException {
        int id = nextId++;
        send(MessageCodec.encode(opening, id));
        send(MessageCodec.encode(new dev.deltasync.wire.Data(stream), id));
        send(MessageCodec.encode(new dev.deltasync.wire.End(stream.length, ""), id));
        return receive();
    }

    /** Sends a request answered by a stream and returns the stream's bytes; any other answer fails. */
    byte[] askForStream(Message message) throws IOException {
        int id = nextId++;
        send(MessageCodec.encode(message, id));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (true) {
            Message answer = receive();
            if (answer instanceof dev.deltasync.wire.Changed) {
                continue; // a push, not part of the answer
            }
            if (answer instanceof dev.deltasync.wire.Data data) {
                bytes.write(data.bytes());
            } else if (answer instanceof dev.deltasync.wire.End) {
                return bytes.toByteArray();
            } else {
                throw new AssertionError("expected a stream, got " + answer);
            }
        }
    }

    void send(Frame frame) throws IOException {
        out.write(FrameHeader.toBytes(frame));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Message receive() throws IOException {
        int length = (int) readVarint();
        byte[] body = new byte[length];
        in.readFully(body);
        Frame frame = FrameHeader.parse(body);
        if ((frame.flags() & Frame.STREAM_COMPRESSED) != 0) {
            // after the handshake the server compresses what it sends as one zstd stream, as to any client
            frame = new Frame(frame.type(), frame.flags() & ~Frame.STREAM_COMPRESSED, frame.requestId(),
                    inflater.inflate(frame.payload(), WireLimits.maxPayload(WireLimits.DEFAULT_MAX_FRAME)));
        }
        return MessageCodec.decode(frame);
    }

    private long readVarint() throws IOException {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    /** True once the server has closed this connection (read returns end of stream or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    static byte[] randomBytes(java.util.Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public void close() throws IOException {
        inflater.close();
        socket.close();
    }
}
