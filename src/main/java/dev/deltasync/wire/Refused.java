package dev.deltasync.wire;

import java.util.Objects;

/** Either side, during the handshake: the connection is refused (version mismatch, bad secret); it closes after. */
public record Refused(int code, String reason) implements Message {

    public Refused {
        Objects.requireNonNull(reason, "reason");
    }
}
