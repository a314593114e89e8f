package dev.deltasync.wire;

import java.util.Optional;

/** The version of the wire protocol this build speaks. */
public final class ProtocolVersion {

    /**
     * 3: version 2's frames and handshake (varint frame headers, 16-byte nonces and proofs over the announced
     * terms), with every feature version 2 could negotiate part of the protocol ({@link Capabilities#ALL}), and
     * entries and Mkdir carrying permission bits; a peer of version 2 or any other is refused.
     */
    public static final int CURRENT = 3;

    private ProtocolVersion() {
    }

    /** A Refused answer when the peer speaks another version, empty when it is ours. */
    public static Optional<Refused> refuseIfIncompatible(int peerVersion) {
        if (peerVersion == CURRENT) {
            return Optional.empty();
        }
        return Optional.of(new Refused(ErrorCodes.VERSION, "protocol version mismatch: peer speaks version "
                + peerVersion + ", this side speaks version " + CURRENT));
    }
}
