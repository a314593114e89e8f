package dev.deltasync.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** Client → server, the first frame of a connection. The payload starts with the magic "DS" and the version. */
public record Hello(int protocolVersion, Role role, long capabilities, String peerId, byte[] nonce) implements Message {

    public Hello {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(nonce, "nonce");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hello h && protocolVersion == h.protocolVersion && role == h.role
                && capabilities == h.capabilities && peerId.equals(h.peerId) && Arrays.equals(nonce, h.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, role, capabilities, peerId, Arrays.hashCode(nonce));
    }

    @Override
    public String toString() {
        return "Hello[version=" + protocolVersion + ", role=" + role + ", capabilities=" + capabilities
                + ", peerId=" + peerId + ", nonce=" + HexFormat.of().formatHex(nonce) + "]";
    }
}
