package dev.deltasync.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    private final byte[] clientNonce = Authenticator.newNonce();
    private final byte[] serverNonce = Authenticator.newNonce();

    @Test
    void sameSecretPassesBothWays() {
        Authenticator server = new Authenticator("correct horse");
        Authenticator client = new Authenticator("correct horse");

        byte[] serverProof = server.serverProof(clientNonce, serverNonce);
        byte[] clientProof = client.clientProof(serverNonce, clientNonce);

        assertThat(client.isValidServerProof(serverProof, clientNonce, serverNonce)).isTrue();
        assertThat(server.isValidClientProof(clientProof, serverNonce, clientNonce)).isTrue();
    }

    @Test
    void wrongSecretFailsBothWays() {
        Authenticator server = new Authenticator("correct horse");
        Authenticator impostor = new Authenticator("battery staple");

        assertThat(server.isValidClientProof(impostor.clientProof(serverNonce, clientNonce), serverNonce, clientNonce))
                .isFalse();
        assertThat(impostor.isValidServerProof(server.serverProof(clientNonce, serverNonce), clientNonce, serverNonce))
                .isFalse();
    }

    @Test
    void replayedProofFailsWithFreshNonces() {
        Authenticator auth = new Authenticator("s3cret");
        byte[] recorded = auth.clientProof(serverNonce, clientNonce);
        byte[] freshServerNonce = Authenticator.newNonce();

        assertThat(auth.isValidClientProof(recorded, freshServerNonce, clientNonce)).isFalse();
        assertThat(auth.isValidServerProof(auth.serverProof(clientNonce, serverNonce), Authenticator.newNonce(),
                serverNonce)).isFalse();
    }

    @Test
    void serverProofCannotBeReflectedAsAClientProof() {
        Authenticator auth = new Authenticator("s3cret");
        // an attacker posing as client echoes the server's own proof for swapped nonces
        byte[] reflected = auth.serverProof(serverNonce, clientNonce);

        assertThat(auth.isValidClientProof(reflected, serverNonce, clientNonce)).isFalse();
    }

    @Test
    void emptySecretWorksAndDiffersFromAnyRealSecret() {
        Authenticator none = new Authenticator("");
        Authenticator alsoNone = new Authenticator(null);

        byte[] proof = none.clientProof(serverNonce, clientNonce);

        assertThat(alsoNone.isValidClientProof(proof, serverNonce, clientNonce)).isTrue();
        assertThat(new Authenticator("x").isValidClientProof(proof, serverNonce, clientNonce)).isFalse();
    }

    @Test
    void noncesAreFreshAndFullLength() {
        assertThat(clientNonce).hasSize(32).isNotEqualTo(serverNonce);
    }

    @Test
    void shortNonceIsAProtocolError() {
        Authenticator auth = new Authenticator("s");

        assertThatThrownBy(() -> auth.clientProof(new byte[5], clientNonce))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("32 bytes");
    }
}
