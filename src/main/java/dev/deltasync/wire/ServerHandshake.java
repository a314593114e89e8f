package dev.deltasync.wire;

import dev.deltasync.sync.Mode;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's side of the handshake for one connection: Hello → Challenge (or Refused), then Auth → nothing
 * (or Refused). The client sends its first request right behind its Auth, so a connection costs one round trip
 * before work starts. Pure: the caller moves the frames.
 */
public final class ServerHandshake {

    private final Authenticator authenticator;
    private final String serverId;
    private final Mode mode;
    private final int maxFrame;
    private Hello hello;
    private Challenge challenge;
    private boolean authenticated;

    public ServerHandshake(Authenticator authenticator, String serverId, Mode mode, int maxFrame) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.serverId = Objects.requireNonNull(serverId, "serverId");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.maxFrame = maxFrame;
    }

    /** The answer to the client's Hello: a Challenge, or Refused when versions differ or the Hello is unusable. */
    public Message onHello(Hello clientHello) {
        if (hello != null) {
            throw new ProtocolException("second Hello on the same connection");
        }
        hello = clientHello;
        Optional<Refused> versionProblem = ProtocolVersion.refuseIfIncompatible(clientHello.protocolVersion());
        if (versionProblem.isPresent()) {
            return versionProblem.get();
        }
        if (clientHello.role() != Role.CLIENT) {
            return new Refused(ErrorCodes.PROTOCOL, "this is a server; the peer also says it is a server");
        }
        Optional<Refused> incomplete = Capabilities.refuseIfIncomplete("client", clientHello.capabilities());
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        if (clientHello.nonce().length != Authenticator.NONCE_BYTES) {
            return new Refused(ErrorCodes.PROTOCOL, "the Hello nonce must be " + Authenticator.NONCE_BYTES
                    + " bytes, not " + clientHello.nonce().length);
        }
        byte[] serverNonce = Authenticator.newNonce();
        Challenge unsigned = new Challenge(ProtocolVersion.CURRENT, mode.number(), serverId, Capabilities.OFFERED, maxFrame,
                serverNonce, new byte[0]);
        challenge = unsigned.withProof(
                authenticator.serverProof(clientHello.nonce(), serverNonce, HandshakeTerms.of(clientHello, unsigned)));
        return challenge;
    }

    /** Checks the client's Auth: empty when the client proved it knows the secret, else the Refused to send. */
    public Optional<Refused> onAuth(Auth auth) {
        if (challenge == null || authenticated) {
            throw new ProtocolException("Auth out of order: expected only after a Challenge was sent");
        }
        if (!authenticator.isValidClientProof(auth.clientProof(), challenge.serverNonce(), hello.nonce(),
                HandshakeTerms.of(hello, challenge))) {
            return Optional.of(new Refused(ErrorCodes.AUTH, "authentication failed: the client does not know the secret"));
        }
        authenticated = true;
        return Optional.empty();
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** Whether the client takes pushes that carry the manifest step and small contents ({@link Capabilities#PUSH_STEP}). */
    public boolean clientTakesPushedSteps() {
        return hello != null && (hello.capabilities() & Capabilities.PUSH_STEP) != 0;
    }

    /** Whether the client also takes small files of a pushed step as line edits ({@link Capabilities#PUSH_EDITS}). */
    public boolean clientTakesPushedEdits() {
        return clientTakesPushedSteps() && (hello.capabilities() & Capabilities.PUSH_EDITS) != 0;
    }

    /** The client's self-chosen id, "" before its Hello. */
    public String peerId() {
        return hello == null ? "" : hello.peerId();
    }
}
