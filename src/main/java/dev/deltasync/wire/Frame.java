package dev.deltasync.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One unit on the socket: a length, type, request id, flags and the payload; {@link FrameHeader} says how
 * they are laid out.
 */
public record Frame(int type, int flags, int requestId, byte[] payload) {

    /** Flag bit 0: the payload is zstd-compressed. */
    public static final int COMPRESSED = 1;
    /** Flag bit 1: the last frame of a stream or of a chunked reply. */
    public static final int LAST = 2;
    /** The payload is the next piece of the connection's zstd stream (see {@link Capabilities#ZSTD_STREAM}). */
    public static final int STREAM_COMPRESSED = 4;

    public Frame {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("frame type must fit in one byte, not " + type);
        }
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("frame flags must fit in one byte, not " + flags);
        }
        Objects.requireNonNull(payload, "payload");
    }

    public boolean isCompressed() {
        return (flags & COMPRESSED) != 0;
    }

    public boolean isLast() {
        return (flags & LAST) != 0;
    }

    public Frame withFlags(int newFlags) {
        return new Frame(type, newFlags, requestId, payload);
    }

    /** Bytes counted against the frame bound: header plus payload (the length prefix excluded). */
    public int frameLength() {
        return FrameHeader.size(this) + payload.length;
    }

    /** Bytes this frame occupies on the socket, length prefix included. */
    public int wireLength() {
        int length = frameLength();
        return FrameHeader.varintSize(length) + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && type == f.type && flags == f.flags && requestId == f.requestId
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, flags, requestId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[type=" + type + ", flags=" + flags + ", requestId=" + requestId
                + ", payload=" + payload.length + " bytes]";
    }
}
