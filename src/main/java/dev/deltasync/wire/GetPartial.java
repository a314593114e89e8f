package dev.deltasync.wire;

import java.util.Objects;

/**
 * Asks what the server kept, for this client, of an upload of {@code path} that was cut off (only when both sides
 * announced {@link Capabilities#RESUME}). Answered by a Data stream: the bytes held (u64), the size of the file that
 * was coming (u64), then, when bytes are held, the signature of the basis the server resumes from.
 */
public record GetPartial(String path) implements Message {

    public GetPartial {
        Objects.requireNonNull(path, "path");
    }
}
