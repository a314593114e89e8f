package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A frame encoded once (length prefix, header, payload) to be written as it is to many channels: each write takes
 * a retained duplicate of the same buffer ({@link #copyForOneChannel}), so a push to a thousand clients is encoded
 * and compressed once. Its payload is compressed on its own ({@link Frame#COMPRESSED}), never into a connection's
 * zstd stream, which is why every channel can take the same bytes.
 */
public final class SharedFrame {

    private final ByteBuf bytes;
    private final int frameLength;

    /** @param frame a frame whose payload is final (compressed already, or not worth it) */
    public SharedFrame(Frame frame) {
        this.bytes = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(FrameHeader.toBytes(frame)));
        this.frameLength = frame.frameLength();
    }

    /** Header plus payload, as the frame bound counts it. */
    public int frameLength() {
        return frameLength;
    }

    /** What to hand to one channel's write: the same bytes, its own reader index. */
    public Write copyForOneChannel() {
        return new Write(bytes.duplicate());
    }

    /** One channel's write of the shared bytes; {@link SharedFrameEncoder} puts them on the socket. */
    public record Write(ByteBuf bytes) {
    }
}
