package dev.deltasync.wire;

import java.util.Objects;

/** The end of a stream: how many raw (uncompressed) bytes it carried and their SHA-256 ("" = not checked). */
public record End(long length, String sha256) implements Message {

    public End {
        Objects.requireNonNull(sha256, "sha256");
    }
}
