package dev.deltasync.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private static final byte[] TERMS = "version 2, mode 1".getBytes(StandardCharsets.US_ASCII);
    private final byte[] clientNonce = Authenticator.newNonce();
    private final byte[] serverNonce = Authenticator.newNonce();

    @Test
    void sameSecretPassesBothWays() {
        Authenticator server = new Authenticator("correct horse");
        Authenticator client = new Authenticator("correct horse");

        byte[] serverProof = server.serverProof(clientNonce, serverNonce, TERMS);
        byte[] clientProof = client.clientProof(serverNonce, clientNonce, TERMS);

        assertThat(serverProof).hasSize(Authenticator.PROOF_BYTES);
        assertThat(client.isValidServerProof(serverProof, clientNonce, serverNonce, TERMS)).isTrue();
        assertThat(server.isValidClientProof(clientProof, serverNonce, clientNonce, TERMS)).isTrue();
    }

    @Test
    void wrongSecretFailsBothWays() {
        Authenticator server = new Authenticator("correct horse");
        Authenticator impostor = new Authenticator("battery staple");

        assertThat(server.isValidClientProof(impostor.clientProof(serverNonce, clientNonce, TERMS), serverNonce,
                clientNonce, TERMS)).isFalse();
        assertThat(impostor.isValidServerProof(server.serverProof(clientNonce, serverNonce, TERMS), clientNonce,
                serverNonce, TERMS)).isFalse();
    }

    @Test
    void proofsCoverTheAnnouncedTerms() {
        Authenticator auth = new Authenticator("s3cret");
        byte[] otherTerms = "version 2, mode 3".getBytes(StandardCharsets.US_ASCII);

        assertThat(auth.isValidServerProof(auth.serverProof(clientNonce, serverNonce, TERMS), clientNonce, serverNonce,
                otherTerms)).isFalse();
        assertThat(auth.isValidClientProof(auth.clientProof(serverNonce, clientNonce, TERMS), serverNonce, clientNonce,
                otherTerms)).isFalse();
    }

    @Test
    void replayedProofFailsWithFreshNonces() {
        Authenticator auth = new Authenticator("s3cret");
        byte[] recorded = auth.clientProof(serverNonce, clientNonce, TERMS);
        byte[] freshServerNonce = Authenticator.newNonce();

        assertThat(auth.isValidClientProof(recorded, freshServerNonce, clientNonce, TERMS)).isFalse();
        assertThat(auth.isValidServerProof(auth.serverProof(clientNonce, serverNonce, TERMS), Authenticator.newNonce(),
                serverNonce, TERMS)).isFalse();
    }

    @Test
    void serverProofCannotBeReflectedAsAClientProof() {
        Authenticator auth = new Authenticator("s3cret");
        // an attacker posing as client echoes the server's own proof for swapped nonces
        byte[] reflected = auth.serverProof(serverNonce, clientNonce, TERMS);

        assertThat(auth.isValidClientProof(reflected, serverNonce, clientNonce, TERMS)).isFalse();
    }

    @Test
    void emptySecretWorksAndDiffersFromAnyRealSecret() {
        Authenticator none = new Authenticator("");
        Authenticator alsoNone = new Authenticator(null);

        byte[] proof = none.clientProof(serverNonce, clientNonce, TERMS);

        assertThat(alsoNone.isValidClientProof(proof, serverNonce, clientNonce, TERMS)).isTrue();
        assertThat(new Authenticator("x").isValidClientProof(proof, serverNonce, clientNonce, TERMS)).isFalse();
    }

    @Test
    void noncesAreFreshAndFullLength() {
        assertThat(clientNonce).hasSize(Authenticator.NONCE_BYTES).isNotEqualTo(serverNonce);
    }

    @Test
    void shortNonceIsAProtocolError() {
        Authenticator auth = new Authenticator("s");

        assertThatThrownBy(() -> auth.clientProof(new byte[5], clientNonce, TERMS))
                .isInstanceOf(ProtocolException.class).hasMessageContaining(Authenticator.NONCE_BYTES + " bytes");
    }
}
