package dev.deltasync.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Turns one length-delimited frame (prefix already stripped by {@link LengthPrefixDecoder}) into a {@link Frame}.
 * Checks the header only; payloads are checked by {@link MessageCodec}.
 */
@ChannelHandler.Sharable
public final class FrameDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int KNOWN_FLAGS = Frame.COMPRESSED | Frame.LAST | Frame.STREAM_COMPRESSED;

    private final ByteCounter total;

    /** @param total also counts every byte received, across channels; may be null */
    public FrameDecoder(ByteCounter total) {
        super(ByteBuf.class);
        this.total = total;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = in.readableBytes();
        if (length < WireLimits.HEADER_BYTES) {
            throw new ProtocolException("frame of " + length + " bytes is shorter than the "
                    + WireLimits.HEADER_BYTES + "-byte header");
        }
        int type = in.readUnsignedByte();
        MessageType.of(type);
        int flags = in.readUnsignedByte();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new ProtocolException("frame of type " + type + " has unknown flags " + flags);
        }
        int requestId = in.readInt();
        byte[] payload = new byte[in.readableBytes()];
        in.readBytes(payload);
        long wireBytes = (long) length + WireLimits.LENGTH_PREFIX_BYTES;
        ByteCounter.of(ctx.channel()).addReceived(wireBytes);
        if (total != null) {
            total.addReceived(wireBytes);
        }
        out.add(new Frame(type, flags, requestId, payload));
    }
}
