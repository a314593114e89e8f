package dev.deltasync.wire;

import dev.deltasync.sync.Mode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {

    private static final int MAX = WireLimits.DEFAULT_MAX_FRAME;
    private static final String CLIENT_ID = "6f1c2a4e-0b7d-4e59-9a43-2d5e8c1f7b30";

    private ServerHandshake server(String secret) {
        return new ServerHandshake(new Authenticator(secret), "srv", Mode.UNION_SERVER_WINS, MAX);
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
        ClientHandshake client = new ClientHandshake(new Authenticator("s3cret"), CLIENT_ID);

        Message challenge = server.onHello(wire(client.hello()));
        Message auth = client.onChallenge((Challenge) wire(challenge));
        Optional<Refused> refusal = server.onAuth((Auth) wire(auth));

        assertThat(refusal).isEmpty();
        assertThat(server.isAuthenticated()).isTrue();
        assertThat(client.isAuthenticated()).isTrue();
        assertThat(client.mode()).isEqualTo(Mode.UNION_SERVER_WINS);
        assertThat(client.maxFrame()).isEqualTo(MAX);
        assertThat(client.serverId()).isEqualTo("srv");
        assertThat(server.peerId()).isEqualTo(CLIENT_ID);
        long optional = Capabilities.RESUME | Capabilities.PUSH_STEP | Capabilities.PUSH_EDITS
                | Capabilities.SETTLED_MANIFEST | Capabilities.CACHED_BASIS;
        assertThat(client.hello().capabilities())
                .as("protocol 3's features and the optional RESUME, PUSH_STEP, PUSH_EDITS, SETTLED_MANIFEST and CACHED_BASIS")
                .isEqualTo(Capabilities.ALL | optional);
        assertThat(((Challenge) challenge).capabilities()).isEqualTo(Capabilities.ALL | optional);
        assertThat(client.serverSettlesManifests()).isTrue();
        assertThat(client.serverResumes()).isTrue();
        assertThat(client.serverServesCachedBases()).isTrue();
        assertThat(server.clientTakesPushedSteps()).isTrue();
        assertThat(server.clientTakesPushedEdits()).isTrue();
    }

    @Test
    void aClientWithPushedStepsButNotEditsGetsWholeContents() {
        ServerHandshake server = server("s");
        server.onHello(wire(new Hello(ProtocolVersion.CURRENT, Role.CLIENT, Capabilities.ALL | Capabilities.PUSH_STEP,
                "c", Authenticator.newNonce())));

        assertThat(server.clientTakesPushedSteps()).isTrue();
        assertThat(server.clientTakesPushedEdits()).isFalse();
    }

    @Test
    void aClientOfProtocol3WithoutTheOptionalResumeIsAccepted() {
        Hello earlier = wire(new Hello(ProtocolVersion.CURRENT, Role.CLIENT, Capabilities.ALL, "c",
                Authenticator.newNonce()));

        assertThat(server("s").onHello(earlier)).isInstanceOf(Challenge.class);
    }

    @Test
    void theWholeHandshakeTakesFewBytes() {
        ServerHandshake server = new ServerHandshake(new Authenticator("s"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                Mode.UNION_SERVER_WINS, MAX);
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), CLIENT_ID);
        Frame hello = MessageCodec.encode(client.hello(), 1);
        Frame challenge = MessageCodec.encode(server.onHello(client.hello()), 1);
        Frame auth = MessageCodec.encode(client.onChallenge((Challenge) MessageCodec.decode(challenge)), 2);

        // two 16-byte nonces, two 16-byte proofs, two 16-byte folder ids: 96 of these bytes
        assertThat(hello.wireLength() + challenge.wireLength() + auth.wireLength()).isLessThanOrEqualTo(130);
    }

    @Test
    void clientRefusesAServerWithoutTheSecret() {
        ClientHandshake client = new ClientHandshake(new Authenticator("right"), "laptop");

        Message answer = client.onChallenge((Challenge) server("wrong").onHello(client.hello()));

        assertThat(answer).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(ErrorCodes.AUTH));
        assertThat(client.isAuthenticated()).isFalse();
    }

    @Test
    void clientRefusesAChallengeWhoseModeWasChangedOnTheWay() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "laptop");
        Challenge genuine = (Challenge) server("s").onHello(client.hello());
        // someone in the middle turns "union" into "server overwrites client", keeping the proof
        Challenge altered = new Challenge(genuine.protocolVersion(), Mode.MIRROR_SERVER_TO_CLIENT.number(), genuine.serverId(),
                genuine.capabilities(), genuine.maxFrame(), genuine.serverNonce(), genuine.serverProof());

        assertThat(client.onChallenge(altered)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCodes.AUTH));
    }

    @Test
    void serverRefusesAuthForTermsItDidNotAnnounce() {
        ServerHandshake server = server("s");
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "laptop");
        Challenge genuine = (Challenge) server.onHello(client.hello());
        // the client was shown more capabilities than the server offered; its proof covers what it saw
        Challenge shown = new Challenge(genuine.protocolVersion(), genuine.mode(), genuine.serverId(),
                genuine.capabilities() | 1L << 40, genuine.maxFrame(), genuine.serverNonce(), genuine.serverProof());
        Auth auth = new Auth(new Authenticator("s").clientProof(genuine.serverNonce(), client.hello().nonce(),
                HandshakeTerms.of(client.hello(), shown)));

        assertThat(server.onAuth(auth)).isPresent();
        assertThat(server.isAuthenticated()).isFalse();
    }

    @Test
    void serverRefusesAClientWithoutTheSecret() {
        ServerHandshake server = server("right");
        ClientHandshake client = new ClientHandshake(new Authenticator("wrong"), "laptop");
        Challenge challenge = (Challenge) server.onHello(client.hello());
        // a client that skips checking the server's proof and answers anyway
        Auth forged = new Auth(new Authenticator("wrong").clientProof(challenge.serverNonce(), client.hello().nonce(),
                HandshakeTerms.of(client.hello(), challenge)));

        assertThat(server.onAuth(forged)).contains(
                new Refused(ErrorCodes.AUTH, "authentication failed: the client does not know the secret"));
        assertThat(server.isAuthenticated()).isFalse();
    }

    @Test
    void replayedAuthFailsOnANewConnection() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "laptop");
        Auth recorded = (Auth) client.onChallenge((Challenge) server("s").onHello(client.hello()));

        ServerHandshake secondConnection = server("s");
        secondConnection.onHello(client.hello());

        assertThat(secondConnection.onAuth(recorded)).isPresent();
    }

    @Test
    void otherProtocolVersionIsRefusedNamingBothVersions() {
        Hello future = wire(new Hello(7, Role.CLIENT, 0, "new", Authenticator.newNonce()));

        Message answer = server("s").onHello(future);

        assertThat(answer).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCodes.VERSION);
            assertThat(r.reason()).contains("version 7").contains("version " + ProtocolVersion.CURRENT);
        });
    }

    @Test
    void clientRefusesAServerOfAnotherVersion() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "c");
        Challenge old = new Challenge(1, 1, "old", 0, MAX, Authenticator.newNonce(), new byte[32]);

        assertThat(client.onChallenge(old)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).contains("version 1").contains("version " + ProtocolVersion.CURRENT));
    }

    @Test
    void aVersion2ClientIsRefusedNamingVersions2And3() {
        Hello version2 = wire(new Hello(2, Role.CLIENT, Capabilities.ALL, "old-laptop", Authenticator.newNonce()));

        assertThat(server("s").onHello(version2)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCodes.VERSION);
            assertThat(r.reason()).isEqualTo("protocol version mismatch: peer speaks version 2, this side speaks version 3");
        });
    }

    @Test
    void aClientRefusesAVersion2Server() {
        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "c");
        Challenge version2 = new Challenge(2, 1, "old", Capabilities.ALL, MAX, Authenticator.newNonce(), new byte[16]);

        assertThat(client.onChallenge(version2)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCodes.VERSION);
            assertThat(r.reason()).contains("version 2").contains("version 3");
        });
        assertThat(client.isAuthenticated()).isFalse();
    }

    @Test
    void aPeerThatLeavesOutAFeatureOfProtocol3IsRefused() {
        long withoutLineEdits = Capabilities.ALL & ~Capabilities.LINE_EDITS;
        Hello hello = wire(new Hello(ProtocolVersion.CURRENT, Role.CLIENT, withoutLineEdits, "c", Authenticator.newNonce()));

        assertThat(server("s").onHello(hello)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCodes.PROTOCOL);
            assertThat(r.reason()).contains("client").contains("protocol 3").contains(Long.toHexString(withoutLineEdits));
        });

        ClientHandshake client = new ClientHandshake(new Authenticator("s"), "c");
        Challenge genuine = (Challenge) server("s").onHello(client.hello());
        Challenge lacking = new Challenge(genuine.protocolVersion(), genuine.mode(), genuine.serverId(),
                withoutLineEdits, genuine.maxFrame(), genuine.serverNonce(), genuine.serverProof());
        assertThat(client.onChallenge(lacking)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.reason()).contains("server").contains("leaves out"));
    }

    @Test
    void authBeforeHelloIsAProtocolError() {
        assertThatThrownBy(() -> server("s").onAuth(new Auth(new byte[Authenticator.PROOF_BYTES])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("out of order");
    }
}
