package dev.deltasync.wire;

/**
 * The request with the same requestId succeeded. After a change the server applied for the client (a file put,
 * a file deleted) it may say which manifest version that change alone made ({@code version}) and from which
 * ({@code basedOn}); both 0 = not said. An Ack without them is an empty payload.
 */
public record Ack(long basedOn, long version) implements Message {

    public Ack() {
        this(0, 0);
    }

    public boolean namesVersions() {
        return version > 0;
    }
}
