package dev.deltasync.wire;

import dev.deltasync.sync.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {

    private static final int MAX = WireLimits.DEFAULT_MAX_FRAME;

    private ServerHandshake server(String secret) {
        return new ServerHandshake(new Authenticator(secret), "srv", Mode.UNION_SERVER_WINS, Capabilities.ZSTD, MAX);
    }

    /** Sends every message through the codec, as on a real connection. */
    private static <T extends Message> T wire(T message) {
        @SuppressWarnings("unchecked")
        T back = (T) MessageCodec.decode(MessageCodec.encode(message, 0));
        return back;
    }

    @Test
    void matchingSecretsAuthenticateBothSides() {
        ServerHandshake server = server("s3cret");
        ClientHandshake client = new ClientHandshake(new Authenticator("s3cret"), "laptop", Capabilities.ZSTD);

        Message challenge = server.onHello(wire(client.hello()));
        Message auth = client.onChallenge((Challenge) wire(challenge));
        Message welcome = server.onAuth((Auth) wire(auth));
        client.onWelcome((Welcome) wire(welcome));

        assertThat(server.isAuthenticated()).isTrue();
        assertThat(client.isAuthenticated()).isTrue();
        assertThat(client.mode()).isEqualTo(Mode.UNION_SERVER_WINS);
        assertThat(client.maxFrame()).isEqualTo(MAX);
        assertThat(client.serverId()).isEqualTo("srv");
        assertThat(server.peerId()).isEqualTo("laptop");
        assertThat(client.agreedCapabilities()).isEqualTo(Capabilities.ZSTD);
        assertThat(server.agreedCapabilities()).isEqualTo(Capabilities.ZSTD);
    }

    @Test
    void clientRefusesAServerWithoutTheSecret() {
        ClientHandshake client = new ClientHandshake(new Authenticator("right"), "laptop", 0);

        Message answer = client.onChallenge((Challenge) server("wrong").onHello(client.hello()));

        assertThat(answer).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCodes.AUTH));
        assertThat(client.isAuthenticated()).isFalse();
    }

    @Test
    void serverRefusesAClientWithoutTheSecret() {
        ServerHandshake server = server("right");
        ClientHandshake client = new ClientHandshake(new Authenticator("wrong"), "laptop", 0);
        Challenge challenge = (Challenge) server.onHello(client.hello());
        // a client that skips checking the server's proof and answers anyway
        Auth forged = new Auth(new Authenticator("wrong").clientProof(challenge.serverNonce(), client.hello().nonce()));

        assertThat(server.onAuth(forged)).isEqualTo(
                new Refused(ErrorCodes.AUTH, "authentication failed: the client does not know the secret"));
        assertThat(server.isAuthenticated()).isFalse();
    }

    @Test
    void replayedAuthFailsOnANewConnection() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "laptop", 0);
        Auth recorded = (Auth) client.onChallenge((Challenge) server("s").onHello(client.hello()));

        ServerHandshake secondConnection = server("s");
        secondConnection.onHello(client.hello());

        assertThat(secondConnection.onAuth(recorded)).isInstanceOf(Refused.class);
    }

    @Test
    void otherProtocolVersionIsRefusedNamingBothVersions() {
        Hello future = new Hello(7, Role.CLIENT, 0, "new", Authenticator.newNonce());

        Message answer = server("s").onHello(future);

        assertThat(answer).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCodes.VERSION);
            assertThat(r.reason()).contains("version 7").contains("version " + ProtocolVersion.CURRENT);
        });
    }

    @Test
    void clientRefusesAServerOfAnotherVersion() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "c", 0);
        Challenge old = new Challenge(0, 1, "old", 0, Authenticator.newNonce(), new byte[32]);

        assertThat(client.onChallenge(old)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).contains("version 0").contains("version 1"));
    }

    @Test
    void authBeforeHelloIsAProtocolError() {
        assertThatThrownBy(() -> server("s").onAuth(new Auth(new byte[32])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("out of order");
    }
}
