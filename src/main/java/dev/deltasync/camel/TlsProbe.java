package dev.deltasync.camel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a server that hung up on a plain Hello speaks TLS, so that a client without {@code --tls} is told
 * exactly that instead of a list of guesses. It starts a TLS handshake and stops as soon as the server shows a
 * certificate: nothing is trusted and nothing of ours is sent.
 */
final class TlsProbe {

    private TlsProbe() {
    }

    static boolean speaksTls(String host, int port, int timeoutMs) {
        AtomicBoolean certificateShown = new AtomicBoolean();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recorder(certificateShown)}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the recorder ends the handshake as soon as a certificate shows; any other failure is no TLS
        }
        return certificateShown.get();
    }

    /** Notes that the server showed a certificate and refuses it, ending the handshake there. */
    private record Recorder(AtomicBoolean shown) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            shown.set(true);
            throw new java.security.cert.CertificateException("only probing whether the server speaks TLS");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client's certificate is never asked of this probe
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
