package dev.deltasync.wire;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS options turned into Camel's {@link SSLContextParameters}, for camel-netty's
 * {@code ssl=true&sslContextParameters=#bean}. Key and trust stores are PKCS12 (the JDK default) files.
 * The server needs a keystore; given a truststore too, it requires client certificates (mutual TLS).
 * The client needs a truststore holding the server's certificate; given a keystore, it presents it.
 */
public record TlsSettings(boolean enabled, String keystorePath, String keystorePassword,
                          String truststorePath, String truststorePassword) {

    public static TlsSettings disabled() {
        return new TlsSettings(false, null, null, null, null);
    }

    public SSLContextParameters serverParameters() {
        requireEnabled();
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keyManagers(require(keystorePath, "the server needs a keystore")));
        if (isSet(truststorePath)) {
            parameters.setTrustManagers(trustManagers());
            SSLContextServerParameters server = new SSLContextServerParameters();
            server.setClientAuthentication("REQUIRE");
            parameters.setServerParameters(server);
        }
        return parameters;
    }

    public SSLContextParameters clientParameters() {
        requireEnabled();
        require(truststorePath, "the client needs a truststore with the server's certificate");
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trustManagers());
        if (isSet(keystorePath)) {
            parameters.setKeyManagers(keyManagers(keystorePath));
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", keystore=" + keystorePath + ", truststore=" + truststorePath + "]";
    }

    private KeyManagersParameters keyManagers(String path) {
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store(path, keystorePassword));
        keys.setKeyPassword(keystorePassword);
        return keys;
    }

    private TrustManagersParameters trustManagers() {
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store(truststorePath, truststorePassword));
        return trust;
    }

    private static KeyStoreParameters store(String path, String password) {
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalArgumentException("TLS store " + path + " does not exist or is not a file");
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + Path.of(path).toAbsolutePath());
        store.setPassword(password);
        return store;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new IllegalStateException("TLS is not enabled");
        }
    }

    private static String require(String path, String problem) {
        if (!isSet(path)) {
            throw new IllegalArgumentException("TLS is enabled but " + problem);
        }
        return path;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
