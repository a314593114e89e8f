package dev.deltasync.wire;

/**
 * What the two proofs of the handshake cover besides the nonces: everything the Hello and the Challenge
 * announce (versions, role, ids, capabilities, mode, frame bound), in their wire encoding.
 */
final class HandshakeTerms {

    private HandshakeTerms() {
    }

    static byte[] of(Hello hello, Challenge challenge) {
        WireWriter out = new WireWriter();
        out.writeSigned(hello.protocolVersion()).writeByte(hello.role().ordinal()).writeUnsigned(hello.capabilities());
        PeerIdCodec.write(hello.peerId(), out);
        out.writeSigned(challenge.protocolVersion()).writeSigned(challenge.mode()).writeUnsigned(challenge.capabilities())
                .writeSigned(challenge.maxFrame());
        PeerIdCodec.write(challenge.serverId(), out);
        return out.toByteArray();
    }
}
