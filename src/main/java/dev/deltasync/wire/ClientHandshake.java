package dev.deltasync.wire;

import dev.deltasync.sync.Mode;

import java.util.Objects;
import java.util.Optional;

/**
 * The client's side of the handshake: send {@link #hello()}, answer the Challenge with {@link #onChallenge}
 * (an Auth, after which the connection is ready: the server answers an Auth only to refuse it). The client
 * checks the server's proof first, so it never talks to a server that does not know the secret, nor to one
 * whose announced mode or capabilities someone changed on the way. Pure: the caller moves the frames.
 */
public final class ClientHandshake {

    private final Authenticator authenticator;
    private final Hello hello;
    private Challenge challenge;

    public ClientHandshake(Authenticator authenticator, String peerId) {
        this(authenticator, peerId, Capabilities.OFFERED);
    }

    /** @param offered the capabilities to announce: {@link Capabilities#ALL} and any optional ones */
    public ClientHandshake(Authenticator authenticator, String peerId, long offered) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.hello = new Hello(ProtocolVersion.CURRENT, Role.CLIENT, offered, peerId, Authenticator.newNonce());
    }

    /** The first frame to send. */
    public Hello hello() {
        return hello;
    }

    /** Auth to send, or Refused (to send, then close) when the server is of another version or fails its proof. */
    public Message onChallenge(Challenge serverChallenge) {
        if (challenge != null) {
            throw new ProtocolException("second Challenge on the same connection");
        }
        Optional<Refused> versionProblem = ProtocolVersion.refuseIfIncompatible(serverChallenge.protocolVersion());
        if (versionProblem.isPresent()) {
            return versionProblem.get();
        }
        Optional<Refused> incomplete = Capabilities.refuseIfIncomplete("server", serverChallenge.capabilities());
        if (incomplete.isPresent()) {
            return incomplete.get();
        }
        if (serverChallenge.mode() < 0 || serverChallenge.mode() > 3) {
            return new Refused(ErrorCodes.PROTOCOL, "the server announced an unknown mode " + serverChallenge.mode());
        }
        if (serverChallenge.maxFrame() < WireLimits.MIN_MAX_FRAME) {
            return new Refused(ErrorCodes.PROTOCOL, "the server announced a frame bound of " + serverChallenge.maxFrame()
                    + " bytes, below the least of " + WireLimits.MIN_MAX_FRAME);
        }
        byte[] terms = HandshakeTerms.of(hello, serverChallenge);
        if (serverChallenge.serverNonce().length != Authenticator.NONCE_BYTES
                || !authenticator.isValidServerProof(serverChallenge.serverProof(), hello.nonce(),
                serverChallenge.serverNonce(), terms)) {
            return new Refused(ErrorCodes.AUTH, authFailure(terms, serverChallenge));
        }
        challenge = serverChallenge;
        return new Auth(authenticator.clientProof(serverChallenge.serverNonce(), hello.nonce(), terms));
    }

    /** Why the server's proof failed, in words that say what to change. */
    private String authFailure(byte[] terms, Challenge serverChallenge) {
        if (!authenticator.hasSecret()) {
            return "authentication failed: the server requires a secret and this client has none"
                    + " (give --secret or --secret-file)";
        }
        if (new Authenticator("").isValidServerProof(serverChallenge.serverProof(), hello.nonce(),
                serverChallenge.serverNonce(), terms)) {
            return "authentication failed: this client has a secret but the server was started without one";
        }
        return "authentication failed: wrong secret (the server's secret differs from this client's;"
                + " check --secret / --secret-file on both sides)";
    }

    /** Whether the server takes a manifest request that waits for its watcher ({@link Capabilities#SETTLED_MANIFEST}). */
    public boolean serverSettlesManifests() {
        return (requireChallenge().capabilities() & Capabilities.SETTLED_MANIFEST) != 0;
    }

    /** Whether the server answers downloads against its cached signature of our version ({@link Capabilities#CACHED_BASIS}). */
    public boolean serverServesCachedBases() {
        return (requireChallenge().capabilities() & Capabilities.CACHED_BASIS) != 0;
    }

    /** Whether the server resumes cut uploads ({@link Capabilities#RESUME}). */
    public boolean serverResumes() {
        return (requireChallenge().capabilities() & Capabilities.RESUME) != 0;
    }

    /** True once the server proved it knows the secret (the Auth is then ready to go). */
    public boolean isAuthenticated() {
        return challenge != null;
    }

    public Mode mode() {
        return Mode.of(requireChallenge().mode());
    }

    public String serverId() {
        return requireChallenge().serverId();
    }

    /** The largest frame the server accepts. */
    public int maxFrame() {
        return requireChallenge().maxFrame();
    }

    private Challenge requireChallenge() {
        if (challenge == null) {
            throw new IllegalStateException("no valid Challenge received yet");
        }
        return challenge;
    }
}
