package dev.deltasync.wire;

/**
 * The server's answer to a {@link ManifestRequest.Sketch} it could not decode yet: send the symbols up to index
 * {@code wanted} (exclusive) in a request continuing the sketch. 0 means the sketch is not worth going on with
 * (the difference is too large, or the keys collide): send the plain keys instead.
 */
public record MoreSymbols(long wanted) implements Message {

    public MoreSymbols {
        if (wanted < 0) {
            throw new IllegalArgumentException("wanted " + wanted);
        }
    }
}
