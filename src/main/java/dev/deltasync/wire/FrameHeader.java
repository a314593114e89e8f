package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The bytes in front of every payload (protocol version 2): the length of what follows as a varint, the type
 * (u8), then one varint holding the request id (as an unsigned 32-bit number) shifted left by 4 with the flags
 * in the low 4 bits (three in use, one kept for later; an unknown one is refused). A reply to request 5 with no
 * flags costs 3 bytes of header for a short payload, where version 1 spent 10 on every frame; a frame of many
 * small files' traffic is often not much bigger than that.
 * Varints are LEB128, as everywhere on the wire.
 */
public final class FrameHeader {

    /** Longest header after the length: type (1) + the id-and-flags varint (at most 6 for 36 bits). */
    static final int MAX_BYTES = 7;
    /** Longest varint length prefix (a frame is at most 2^31 bytes). */
    static final int MAX_LENGTH_BYTES = 5;
    static final int FLAG_BITS = 4;
    private static final int KNOWN_FLAGS = Frame.COMPRESSED | Frame.LAST | Frame.STREAM_COMPRESSED;

    private FrameHeader() {
    }

    /** Header bytes after the length prefix. */
    static int size(Frame frame) {
        return 1 + varintSize(idAndFlags(frame));
    }

    static long idAndFlags(Frame frame) {
        return (Integer.toUnsignedLong(frame.requestId()) << FLAG_BITS) | frame.flags();
    }

    static int requestId(long idAndFlags) {
        return (int) (idAndFlags >>> FLAG_BITS);
    }

    static int flags(long idAndFlags) {
        return (int) (idAndFlags & ((1 << FLAG_BITS) - 1));
    }

    /** Writes length prefix, header and payload. */
    public static void write(Frame frame, ByteBuf out) {
        writeVarint(frame.frameLength(), out);
        out.writeByte(frame.type());
        writeVarint(idAndFlags(frame), out);
        out.writeBytes(frame.payload());
    }

    /** The frame as bytes, length prefix included (for raw peers in tests and tools). */
    public static byte[] toBytes(Frame frame) {
        ByteBuf buf = Unpooled.buffer(frame.wireLength());
        try {
            write(frame, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /**
     * Reads a frame's header and payload from its body (what follows the length prefix), checking the header:
     * known type, known flags, a request id of at most 32 bits.
     */
    static Frame read(ByteBuf body) {
        int length = body.readableBytes();
        if (length < 2) {
            throw new ProtocolException("frame of " + length + " bytes is shorter than any header");
        }
        int type = body.readUnsignedByte();
        MessageType.of(type);
        long idAndFlags = readVarint(body, MAX_BYTES - 1, "a frame's request id");
        if (idAndFlags < 0) {
            throw new ProtocolException("frame of type " + type + " ends inside its header");
        }
        if (idAndFlags >>> (32 + FLAG_BITS) != 0) {
            throw new ProtocolException("frame of type " + type + " has a request id over 32 bits");
        }
        int flags = flags(idAndFlags);
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new ProtocolException("frame of type " + type + " has unknown flags " + flags);
        }
        byte[] payload = new byte[body.readableBytes()];
        body.readBytes(payload);
        return new Frame(type, flags, requestId(idAndFlags), payload);
    }

    /** {@link #read(ByteBuf)} for a body in an array (raw peers in tests and tools). */
    public static Frame parse(byte[] body) {
        return read(Unpooled.wrappedBuffer(body));
    }

    static int varintSize(long value) {
        int size = 1;
        long v = value;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    static void writeVarint(long value, ByteBuf out) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /**
     * Reads a varint of at most {@code maxBytes} bytes, or returns -1 (reader index unchanged) when the buffer
     * does not hold all of it yet.
     *
     * @throws ProtocolException the varint is longer than {@code maxBytes}
     */
    static long readVarint(ByteBuf in, int maxBytes, String what) {
        int start = in.readerIndex();
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return -1;
            }
            int b = in.readUnsignedByte();
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new ProtocolException(what + " is not a varint of at most " + maxBytes + " bytes");
    }
}
