package dev.deltasync.wire;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last of the wire decoders: when a decoder finds the peer broke the protocol, logs why in one line and closes
 * the connection, instead of letting the error travel on as a stack trace. Other errors pass through.
 */
@ChannelHandler.Sharable
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrorHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolException protocolError = findProtocolException(cause);
        if (protocolError == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        LOG.warn("Closing the connection with {}: {}", ctx.channel().remoteAddress(), protocolError.getMessage());
        ctx.close();
    }

    static ProtocolException findProtocolException(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException p) {
                return p;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
