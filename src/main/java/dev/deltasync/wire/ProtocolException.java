package dev.deltasync.wire;

/**
 * The peer sent bytes that break the wire protocol (malformed, truncated, oversized or out of order).
 * The connection cannot be trusted any more: callers log the message and close it.
 */
public class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
