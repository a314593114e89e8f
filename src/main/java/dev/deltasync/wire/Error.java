package dev.deltasync.wire;

import java.util.Objects;

/** The request with the same requestId failed; {@code code} is one of {@link ErrorCodes}. Also ends a stream. */
public record Error(int code, String text) implements Message {

    public Error {
        Objects.requireNonNull(text, "text");
    }
}
