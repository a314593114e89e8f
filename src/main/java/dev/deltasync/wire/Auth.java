package dev.deltasync.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * Client → server, the last frame of the handshake: the client's proof (see {@link Authenticator}). The server
 * does not answer it unless it refuses; the client sends its first request right behind it.
 */
public record Auth(byte[] clientProof) implements Message {

    public Auth {
        Objects.requireNonNull(clientProof, "clientProof");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Auth a && Arrays.equals(clientProof, a.clientProof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(clientProof);
    }

    @Override
    public String toString() {
        return "Auth[" + clientProof.length + " bytes]";
    }
}
