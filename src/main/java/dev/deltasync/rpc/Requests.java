package dev.deltasync.rpc;

import java.io.IOException;
import java.io.OutputStream;

import dev.deltasync.wire.Message;

/**
 * Requests to the peer over one {@link Connection}, each answered once within a time limit: {@link #call} for a
 * request answered by a message, {@link #stream} for one with a stream going out behind it or coming back (or
 * both), {@link #open} when the request's stream can only be written later, {@link #tell} for a message that
 * gets no answer. Every request a peer waits for goes through here.
 */
public final class Requests {

    private final Connection connection;
    private final long timeoutMs;

    public Requests(Connection connection, long timeoutMs) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
    }

    /** Writes the stream that goes out behind a request. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A request sent: the stream it may still send, and its answer. */
    public final class Outgoing {
        private final int id;
        private final PendingReply reply;
        private final OutputStream into;

        private Outgoing(int id, PendingReply reply, OutputStream into) {
            this.id = id;
            this.reply = reply;
            this.into = into;
        }

        /** The stream behind the request; closing it ends the stream. */
        public OutputStream body() {
            return connection.openStream(id);
        }

        /** The answer, once it is in; the stream it came with is then complete and closed. */
        public Pending<Message> answer() {
            return () -> {
                if (into == null) {
                    return reply.await(timeoutMs);
                }
                try (into) {
                    return reply.await(timeoutMs);
                }
            };
        }
    }

    /** Sends {@code request} and waits for its answer; a refusal or error of the peer is thrown. */
    public Message call(Message request) throws IOException {
        return open(request, null).answer().await();
    }

    /**
     * Sends {@code request}, then the stream {@code body} writes (null: none); the stream that comes back goes to
     * {@code into} (null: none expected), which is closed once the answer is in (or at once when sending failed).
     */
    public Pending<Message> stream(Message request, Body body, OutputStream into) throws IOException {
        Outgoing outgoing = open(request, into);
        if (body != null) {
            try (OutputStream out = outgoing.body()) {
                body.writeTo(out);
            } catch (IOException | RuntimeException e) {
                closeQuietly(into, e);
                throw e;
            }
        }
        return outgoing.answer();
    }

    /** Sends {@code request}; its stream, if any, is written to {@link Outgoing#body} by the caller. */
    public Outgoing open(Message request, OutputStream into) {
        int id = connection.newRequestId();
        try {
            PendingReply reply = connection.expect(id, into);
            connection.send(id, request);
            return new Outgoing(id, reply, into);
        } catch (RuntimeException e) {
            closeQuietly(into, e);
            throw e;
        }
    }

    /** Sends a message no answer follows (the handshake's Auth). */
    public void tell(Message message) {
        connection.send(connection.newRequestId(), message);
    }

    private static void closeQuietly(OutputStream into, Exception failure) {
        if (into != null) {
            try {
                into.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }
}
