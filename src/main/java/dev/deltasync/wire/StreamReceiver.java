package dev.deltasync.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Receives the Data frames of one request into an OutputStream (e.g. a temp file): inflates compressed chunks,
 * enforces a total size limit, and on End checks the announced length and SHA-256. The caller owns the
 * OutputStream and decides what to do with it once the state is COMPLETE or FAILED.
 */
public final class StreamReceiver {

    public enum State { RECEIVING, COMPLETE, FAILED }

    private final int requestId;
    private final OutputStream target;
    private final long maxBytes;
    private final int maxFrame;
    private final MessageDigest digest = FrameOutputStream.sha256();
    private long received;
    private State state = State.RECEIVING;
    private Error failure;

    /**
     * @param maxBytes largest stream accepted, in raw bytes
     * @param maxFrame the frame bound, which also bounds one inflated chunk
     */
    public StreamReceiver(int requestId, OutputStream target, long maxBytes, int maxFrame) {
        this.requestId = requestId;
        this.target = Objects.requireNonNull(target, "target");
        this.maxBytes = maxBytes;
        this.maxFrame = maxFrame;
    }

    /** Takes the next frame of this request's stream and returns the state after it. */
    public State accept(Frame frame) throws IOException {
        if (frame.requestId() != requestId) {
            throw new ProtocolException("frame for request " + frame.requestId() + " given to the stream of request "
                    + requestId);
        }
        if (state != State.RECEIVING) {
            throw new ProtocolException("frame after the end of the stream of request " + requestId);
        }
        Message message = MessageCodec.decode(frame, maxFrame);
        if (message instanceof Data data) {
            append(data.bytes());
            if (frame.isLast()) {
                state = State.COMPLETE;
            }
        } else if (message instanceof End end) {
            verify(end);
            state = State.COMPLETE;
        } else if (message instanceof Error error) {
            failure = error;
            state = State.FAILED;
        } else {
            throw new ProtocolException("unexpected " + MessageCodec.typeOf(message) + " in the stream of request "
                    + requestId);
        }
        return state;
    }

    public State state() {
        return state;
    }

    /** Raw bytes written to the target so far. */
    public long bytesReceived() {
        return received;
    }

    /** The peer's Error when the state is FAILED, else null. */
    public Error failure() {
        return failure;
    }

    private void append(byte[] bytes) throws IOException {
        if (received + bytes.length > maxBytes) {
            throw new ProtocolException("stream of request " + requestId + " exceeds the limit of " + maxBytes
                    + " bytes");
        }
        target.write(bytes);
        digest.update(bytes);
        received += bytes.length;
    }

    private void verify(End end) {
        if (end.length() != received) {
            throw new ProtocolException("stream of request " + requestId + " announced " + end.length()
                    + " bytes but " + received + " arrived");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!end.sha256().isEmpty() && !end.sha256().equalsIgnoreCase(actual)) {
            throw new ProtocolException("stream of request " + requestId + " arrived corrupt: SHA-256 " + actual
                    + " instead of " + end.sha256());
        }
    }
}
