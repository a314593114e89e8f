package dev.deltasync.camel;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The {@code tlsParameters} bean of the netty endpoints: this side's key pair and the peer's trusted
 * certificate, both from PKCS12 files named in the settings. Unused while {@code deltasync.tls=false}.
 */
final class TlsParameters {

    private TlsParameters() {
    }

    static SSLContextParameters from(Settings settings) {
        SSLContextParameters params = new SSLContextParameters();
        if (!settings.flag("tls")) {
            return params;
        }
        String keystore = settings.text("tls-keystore", "");
        String truststore = settings.text("tls-truststore", "");
        if (keystore.isEmpty() || truststore.isEmpty()) {
            throw new IllegalArgumentException("--tls needs --tls-keystore and --tls-truststore");
        }
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource("file:" + keystore);
        keys.setPassword(settings.text("tls-keystore-password", ""));
        keys.setType("PKCS12");
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keys);
        keyManagers.setKeyPassword(settings.text("tls-keystore-password", ""));
        params.setKeyManagers(keyManagers);

        KeyStoreParameters trusted = new KeyStoreParameters();
        trusted.setResource("file:" + truststore);
        trusted.setPassword(settings.text("tls-truststore-password", ""));
        trusted.setType("PKCS12");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trusted);
        params.setTrustManagers(trustManagers);
        return params;
    }
}
