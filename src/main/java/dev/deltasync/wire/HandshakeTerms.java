package dev.deltasync.wire;

/**
 * What the two proofs of the handshake cover besides the nonces: everything the Hello and the Challenge
 * announce (versions, role, ids, capabilities, mode, frame bound), in their wire encoding — {@link MessageCodec}
 * writes these same fields with the methods below, so the proofs cover exactly what travels.
 */
final class HandshakeTerms {

    private HandshakeTerms() {
    }

    static byte[] of(Hello hello, Challenge challenge) {
        WireWriter out = new WireWriter();
        writeHello(hello, out);
        writeChallenge(challenge, out);
        return out.toByteArray();
    }

    /** The Hello's fields after its magic: version, role, capabilities, peer id. */
    static void writeHello(Hello hello, WireWriter out) {
        out.writeSigned(hello.protocolVersion()).writeByte(hello.role().ordinal()).writeUnsigned(hello.capabilities());
        PeerIdCodec.write(hello.peerId(), out);
    }

    /** The Challenge's fields before its nonce and proof: version, mode, capabilities, frame bound, server id. */
    static void writeChallenge(Challenge challenge, WireWriter out) {
        out.writeSigned(challenge.protocolVersion()).writeSigned(challenge.mode())
                .writeUnsigned(challenge.capabilities()).writeSigned(challenge.maxFrame());
        PeerIdCodec.write(challenge.serverId(), out);
    }
}
