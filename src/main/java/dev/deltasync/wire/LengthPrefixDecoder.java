package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Cuts the byte stream at the 4-byte big-endian length prefixes. A declared length over the bound fails at
 * once, before any byte of the body is buffered. Stateful: one instance per channel.
 */
public final class LengthPrefixDecoder extends LengthFieldBasedFrameDecoder {

    private final int maxFrame;

    public LengthPrefixDecoder(int maxFrame) {
        // Netty's bound includes the length field itself; ours does not.
        super(maxFrame + WireLimits.LENGTH_PREFIX_BYTES, 0, WireLimits.LENGTH_PREFIX_BYTES, 0, WireLimits.LENGTH_PREFIX_BYTES);
        this.maxFrame = maxFrame;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        try {
            return super.decode(ctx, in);
        } catch (TooLongFrameException | CorruptedFrameException e) {
            throw new ProtocolException("refusing a frame over the limit of " + maxFrame + " bytes ("
                    + e.getMessage() + ")", e);
        }
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
