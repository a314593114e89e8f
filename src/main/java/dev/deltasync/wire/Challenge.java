package dev.deltasync.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Server → client answer to {@link Hello}: the server's terms (version, sync mode, capabilities, the largest
 * frame it accepts), its nonce, and its proof of knowing the secret (see {@link Authenticator}).
 */
public record Challenge(int protocolVersion, int mode, String serverId, long capabilities, int maxFrame,
                        byte[] serverNonce, byte[] serverProof) implements Message {

    public Challenge {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(serverNonce, "serverNonce");
        Objects.requireNonNull(serverProof, "serverProof");
    }

    /** The same terms and nonce with {@code proof} (the server signs the terms before it has a proof). */
    public Challenge withProof(byte[] proof) {
        return new Challenge(protocolVersion, mode, serverId, capabilities, maxFrame, serverNonce, proof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenge c && protocolVersion == c.protocolVersion && mode == c.mode
                && serverId.equals(c.serverId) && capabilities == c.capabilities && maxFrame == c.maxFrame
                && Arrays.equals(serverNonce, c.serverNonce) && Arrays.equals(serverProof, c.serverProof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolVersion, mode, serverId, capabilities, maxFrame, Arrays.hashCode(serverNonce),
                Arrays.hashCode(serverProof));
    }

    @Override
    public String toString() {
        return "Challenge[version=" + protocolVersion + ", mode=" + mode + ", serverId=" + serverId
                + ", capabilities=" + capabilities + ", maxFrame=" + maxFrame
                + ", serverNonce=" + HexFormat.of().formatHex(serverNonce) + "]";
    }
}
