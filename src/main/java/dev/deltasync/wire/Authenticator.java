package dev.deltasync.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Mutual challenge-response over a shared secret; the secret itself never crosses the wire.
 * <ul>
 *   <li>serverProof = HMAC-SHA256(secret, "server" || clientNonce || serverNonce || terms)</li>
 *   <li>clientProof = HMAC-SHA256(secret, "client" || serverNonce || clientNonce || terms)</li>
 * </ul>
 * each cut to its first {@value #PROOF_BYTES} bytes (128 bits, as HMAC truncation is commonly used). Both
 * nonces are fresh {@value #NONCE_BYTES}-byte random values, so a recorded proof is useless on another
 * connection, and the labels keep a server proof from being reflected back as a client proof. The terms are
 * what both sides announced (see {@link HandshakeTerms}), so someone in the middle cannot change the mode or
 * the capabilities without the proofs failing. An empty secret (loopback without a secret) still runs the
 * exchange with an empty HMAC key: it proves nothing, it only keeps one code path.
 */
public final class Authenticator {

    public static final int NONCE_BYTES = 16;
    public static final int PROOF_BYTES = 16;
    private static final String HMAC = "HmacSHA256";
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final boolean hasSecret;

    public Authenticator(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.hasSecret = bytes.length > 0;
        // SecretKeySpec refuses an empty key; HMAC zero-pads short keys, so one zero byte is the same key as none.
        this.key = new SecretKeySpec(bytes.length == 0 ? new byte[1] : bytes, HMAC);
    }

    /** Whether a secret was given (an empty one is "none"). */
    public boolean hasSecret() {
        return hasSecret;
    }

    public static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    public byte[] serverProof(byte[] clientNonce, byte[] serverNonce, byte[] terms) {
        return hmac(SERVER, clientNonce, serverNonce, terms);
    }

    public byte[] clientProof(byte[] serverNonce, byte[] clientNonce, byte[] terms) {
        return hmac(CLIENT, serverNonce, clientNonce, terms);
    }

    /** Constant-time check of the server's proof, done by the client. */
    public boolean isValidServerProof(byte[] proof, byte[] clientNonce, byte[] serverNonce, byte[] terms) {
        return MessageDigest.isEqual(proof, serverProof(clientNonce, serverNonce, terms));
    }

    /** Constant-time check of the client's proof, done by the server. */
    public boolean isValidClientProof(byte[] proof, byte[] serverNonce, byte[] clientNonce, byte[] terms) {
        return MessageDigest.isEqual(proof, clientProof(serverNonce, clientNonce, terms));
    }

    private byte[] hmac(byte[] label, byte[] first, byte[] second, byte[] terms) {
        requireNonce(first);
        requireNonce(second);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(label);
            mac.update(first);
            mac.update(second);
            mac.update(terms);
            return Arrays.copyOf(mac.doFinal(), PROOF_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    private static void requireNonce(byte[] nonce) {
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new ProtocolException("a nonce must be " + NONCE_BYTES + " bytes, not "
                    + (nonce == null ? "missing" : nonce.length));
        }
    }
}
