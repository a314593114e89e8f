package dev.deltasync.wire;

/** Size bounds of the wire format. */
public final class WireLimits {

    /** Largest frame (header + payload, without the length prefix) by default. */
    public static final int DEFAULT_MAX_FRAME = 4 * 1024 * 1024;
    /** The longest frame header: type (1) + request id and flags (a varint of at most 6). */
    public static final int HEADER_BYTES = FrameHeader.MAX_BYTES;
    /** Default raw size of one Data chunk of a stream. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;
    /** Below this a frame bound makes no sense (a Hello or a long path would not fit). */
    public static final int MIN_MAX_FRAME = 64 * 1024;
    /** Bound on a server's incoming frames before the client's Auth: Hello and Auth are a few hundred bytes. */
    public static final int HANDSHAKE_MAX_FRAME = 16 * 1024;

    private WireLimits() {
    }

    /** Largest payload a frame may carry under the given frame bound. */
    public static int maxPayload(int maxFrame) {
        return maxFrame - HEADER_BYTES;
    }

    /** The chunk size actually used for streams: the wanted size, but never more than fits in one frame. */
    public static int chunkSize(int wanted, int maxFrame) {
        if (wanted <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, not " + wanted);
        }
        return Math.min(wanted, maxPayload(maxFrame));
    }

    /** Validates a configured frame bound. */
    public static int checkMaxFrame(int maxFrame) {
        if (maxFrame < MIN_MAX_FRAME) {
            throw new IllegalArgumentException("maximum frame size must be at least " + MIN_MAX_FRAME
                    + " bytes, not " + maxFrame);
        }
        return maxFrame;
    }
}
