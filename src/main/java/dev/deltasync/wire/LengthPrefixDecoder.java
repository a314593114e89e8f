package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream at the varint length prefixes ({@link FrameHeader}). A declared length over the bound
 * fails at once, before any byte of the body is buffered. Stateful: one instance per channel.
 * <p>
 * On a server, frames before the peer's {@link MessageType#AUTH} frame have a much lower bound
 * ({@link WireLimits#HANDSHAKE_MAX_FRAME}): anyone can connect, and the handshake's frames are small, so a
 * stranger cannot make the server buffer megabytes per connection before proving it holds the secret.
 */
public final class LengthPrefixDecoder extends ByteToMessageDecoder {

    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final int TLS_MAJOR_VERSION = 0x03;

    private final int maxFrame;
    private boolean first = true;
    private boolean failed;
    /** Bound until the peer's Auth frame has been cut; {@code maxFrame} when no handshake bound applies. */
    private int currentMax;

    public LengthPrefixDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
        this.currentMax = maxFrame;
    }

    /** A decoder for a server's side: frames are held to {@link WireLimits#HANDSHAKE_MAX_FRAME} until Auth. */
    public static LengthPrefixDecoder boundedUntilAuth(int maxFrame) {
        LengthPrefixDecoder decoder = new LengthPrefixDecoder(maxFrame);
        decoder.currentMax = Math.min(maxFrame, WireLimits.HANDSHAKE_MAX_FRAME);
        return decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is closing: what follows a bad frame means nothing
            return;
        }
        try {
            cut(in, out);
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void cut(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        if (first && startsTlsHandshake(in)) {
            throw new ProtocolException("the peer opened with a TLS handshake and this side does not use TLS: give "
                    + "--tls on both sides or on neither (a client whose Hello went unanswered also checks this way "
                    + "whether its server uses TLS)");
        }
        long length = FrameHeader.readVarint(in, FrameHeader.MAX_LENGTH_BYTES, "a frame's length");
        if (length < 0) {
            return;
        }
        if (length > currentMax) {
            throw new ProtocolException(currentMax < maxFrame
                    ? "refusing a frame of " + length + " bytes before authentication: the limit is " + currentMax
                    : "refusing a frame of " + length + " bytes: the limit is " + maxFrame);
        }
        if (length == 0 && first) {
            // version 1 put a 4-byte big-endian length first, so its Hello starts with a zero byte
            throw new ProtocolException("the peer speaks an older deltasync protocol (version 1, 4-byte frame "
                    + "lengths); run the same deltasync version on both sides");
        }
        if (in.readableBytes() < length) {
            in.readerIndex(start);
            return;
        }
        first = false;
        if (currentMax < maxFrame && length > 0 && in.getUnsignedByte(in.readerIndex()) == MessageType.AUTH.code()) {
            currentMax = maxFrame; // what follows Auth waits on its check in the handshake guard, not here
        }
        out.add(in.readRetainedSlice((int) length));
    }

    /**
     * A TLS handshake record (type 22, version 3.x) where our first frame should be. Read as frames, its bytes
     * look like a 22-byte Auth with the COMPRESSED flag, which would pass the handshake guard and fail much later
     * with a misleading error; no first frame of ours is a 22-byte Auth.
     */
    private static boolean startsTlsHandshake(ByteBuf in) {
        int at = in.readerIndex();
        return in.readableBytes() >= 2 && in.getUnsignedByte(at) == TLS_HANDSHAKE_RECORD
                && in.getUnsignedByte(at + 1) == TLS_MAJOR_VERSION;
    }

    /** Bytes left over when the connection ends mean the peer stopped in the middle of a frame. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable()) {
            int left = in.readableBytes();
            in.skipBytes(left);
            throw new ProtocolException("connection ended in the middle of a frame (" + left + " bytes left over)");
        }
    }
}
