package dev.deltasync.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameOutputStream;
import dev.deltasync.wire.FrameSink;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.ProtocolException;
import dev.deltasync.wire.WireLimits;

/**
 * One end of a connection, independent of Netty and Camel: sends messages and streams, matches
 * incoming frames to the requests waiting for them by request id, and hands everything else (a new
 * request, a push) to {@code unsolicited}. Transfers interleave because every stream has its own id.
 */
public final class Connection {

    private final FrameSink sink;
    private final BiConsumer<Integer, Message> unsolicited;
    private final ConcurrentMap<Integer, PendingReply> pending = new ConcurrentHashMap<>();
    private final AtomicInteger lastRequestId;
    private volatile int maxFrame = WireLimits.DEFAULT_MAX_FRAME;
    private volatile boolean closed;
    private volatile String closedReason = "the connection is closed";
    /** The most streams the peer may have open to this side at once (past it the peer breaks the protocol). */
    private volatile int maxOpenStreams = Integer.MAX_VALUE;
    /** The shortest wait for the first frame of an answer so far: the round trip, plus the peer's least work. */
    private final java.util.concurrent.atomic.AtomicLong roundTripNanos = new java.util.concurrent.atomic.AtomicLong(-1);

    /**
     * @param firstRequestId where this side's request ids start; the two sides use disjoint ranges
     *                       (client from 1 upwards, server pushes from {@code Integer.MIN_VALUE}) so ids never collide
     */
    public Connection(FrameSink sink, BiConsumer<Integer, Message> unsolicited, int firstRequestId) {
        this.sink = sink;
        this.unsolicited = unsolicited;
        this.lastRequestId = new AtomicInteger(firstRequestId - 1);
    }

    /** Makes connections bound to one transport channel. */
    @FunctionalInterface
    public interface Factory {
        Connection create(BiConsumer<Integer, Message> unsolicited);
    }

    /** The handshake is done: frames up to {@code maxFrame}, and the transport compresses them as one zstd stream. */
    public void negotiated(int maxFrame) {
        this.maxFrame = maxFrame;
        sink.handshakeDone();
    }

    public int maxFrame() {
        return maxFrame;
    }

    public int newRequestId() {
        return lastRequestId.incrementAndGet();
    }

    /**
     * The most a client takes in one stream from its server, which holds the same secret (the server bounds what
     * clients send it by each request, see {@code StreamBounds}).
     */
    static final long FROM_SERVER = 1L << 40;

    /** Registers interest in what comes back for {@code requestId}; stream data goes to {@code spool}. */
    public PendingReply expect(int requestId, OutputStream spool) {
        return expect(requestId, spool, FROM_SERVER);
    }

    /**
     * The most requests whose stream the peer has not ended yet, on a side that takes streams from a peer it does
     * not trust (each holds a spool file): one more is a protocol error.
     */
    public void limitOpenStreams(int max) {
        this.maxOpenStreams = max;
    }

    /** Throws the protocol error {@link #expect} would for one more stream, before anything is made for it. */
    public void requireRoomForStream(int requestId) {
        if (pending.size() >= maxOpenStreams) {
            throw new ProtocolException("request " + requestId + " opens a stream while " + pending.size()
                    + " of its streams are still open (at most " + maxOpenStreams + ")");
        }
    }

    /** As {@link #expect(int, OutputStream)}; a stream of more than {@code maxBytes} is a protocol error. */
    public PendingReply expect(int requestId, OutputStream spool, long maxBytes) {
        requireRoomForStream(requestId);
        PendingReply reply = new PendingReply(requestId, spool, maxBytes, maxFrame);
        pending.put(requestId, reply);
        if (closed && pending.remove(requestId, reply)) {
            // closed() ran meanwhile and will not see this one: without this it waited for an answer that never comes
            reply.fail(new IOException(closedReason));
        }
        return reply;
    }

    public void send(int requestId, Message message) {
        sink.send(MessageCodec.encode(message, requestId));
    }

    /**
     * A stream of Data frames for {@code requestId}; closing it sends the End frame. Streams here carry
     * the engine's signatures and deltas, which check themselves (CRC32C, and the result's SHA-256).
     */
    public OutputStream openStream(int requestId) {
        return FrameOutputStream.openSelfChecking(sink, requestId, maxFrame, false);
    }

    public void onFrame(Frame frame) throws IOException {
        PendingReply reply = pending.get(frame.requestId());
        if (reply != null) {
            observeRoundTrip(reply.firstFrameAfterNanos());
            reply.accept(frame);
            if (reply.isDone()) {
                pending.remove(frame.requestId(), reply);
            }
            return;
        }
        unsolicited.accept(frame.requestId(), MessageCodec.decode(frame));
    }

    /** A round trip seen elsewhere (a heartbeat's answer); negative: none. */
    public void observeRoundTrip(long nanos) {
        if (nanos >= 0) {
            roundTripNanos.accumulateAndGet(nanos, (held, seen) -> held < 0 ? seen : Math.min(held, seen));
        }
    }

    /** The shortest round trip seen on this connection (an answer's first frame after its request), -1 before any. */
    public long roundTripNanos() {
        return roundTripNanos.get();
    }

    public int pendingCount() {
        return pending.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /** The peer is gone: every waiting request fails with {@code reason}. */
    public void closed(String reason) {
        closedReason = reason;
        closed = true;
        pending.values().forEach(p -> p.fail(new IOException(reason)));
        pending.clear();
    }
}
