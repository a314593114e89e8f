package dev.deltasync.wire;

/**
 * The type byte of each message on the wire. Codes are part of the protocol: never renumber. Code 4 was
 * version 1's Welcome; it stays unused.
 */
public enum MessageType {
    HELLO(1), CHALLENGE(2), AUTH(3), REFUSED(5), BUSY(6),
    MANIFEST_REQUEST(10), MANIFEST_CHUNK(11), MORE_SYMBOLS(12),
    GET_FILE(20), GET_SIGNATURE(21), PUT_FILE(22), DATA(23), END(24), GET_RANGE_SIGNATURES(25), PUT_BATCH(26), PUT_BATCH_RESULT(27), GET_RANGES(28), GET_BATCH(29),
    DELETE(30), RENAME(31), MKDIR(32), CHANGED(33), GET_SHARED_ROUND(34), GET_LINE_SKETCH(35), PUT_LINES(36), GET_LINE_EDITS(37), GET_PARTIAL(38),
    ACK(40), ERROR(41), HEARTBEAT(42);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MessageType of(int code) {
        MessageType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type == null) {
            throw new ProtocolException("unknown message type " + code);
        }
        return type;
    }
}
