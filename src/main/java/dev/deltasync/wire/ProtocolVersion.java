package dev.deltasync.wire;

import java.util.Optional;

/** The version of the wire protocol this build speaks. */
public final class ProtocolVersion {

    /**
     * 2: varint frame headers, 16-byte nonces and proofs over the announced terms, no Welcome.
     * 3: entries and Mkdir carry permission bits.
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
