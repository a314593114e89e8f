package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;

/** TLS on the same port: a client trusting the server's certificate syncs; one that does not cannot connect. */
class TlsSyncTest {

    @TempDir
    Path tmp;

    @Test
    void aClientTrustingTheServersCertificateSyncsAndAnUntrustingOneCannotConnect() throws Exception {
        Path serverStore = tmp.resolve("server.p12");
        Path trust = tmp.resolve("trust.p12");
        Path otherTrust = tmp.resolve("other-trust.p12");
        serverKeyTrustedBy(serverStore, trust);
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=stranger",
                "-validity", "2", "-keystore", otherTrust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");

        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("secret-plans.txt"), "only over TLS", StandardCharsets.UTF_8);
        int port = Peers.freePort();
        Map<String, String> serverProps = tlsServerProps(server, port, serverStore);
        try (Peers.Running s = Peers.running(DeltaSyncRunner.server(serverProps), port)) {
            assertThat(tlsClientOnce(client, port, otherTrust)).as("client not trusting the server").isEqualTo(3);
            assertThat(tlsClientOnce(client, port, trust)).isZero();
        }
        assertThat(client.resolve("secret-plans.txt")).hasContent("only over TLS");
    }

    /** Busy goes over TLS too: after the TLS handshake, then the close (on the base: a close without a word). */
    @Test
    void aTlsConnectionPastTheHandshakeLimitIsToldBusyOverTls() throws Exception {
        Path serverStore = tmp.resolve("server.p12");
        Path trust = tmp.resolve("trust.p12");
        serverKeyTrustedBy(serverStore, trust);
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = Peers.freePort();
        Map<String, String> serverProps = tlsServerProps(server, port, serverStore);
        serverProps.put("deltasync.max-unauthenticated", "2"); // the limit per address binds once half is taken
        serverProps.put("deltasync.max-unauthenticated-per-address", "1");
        serverProps.put("deltasync.handshake-timeout-ms", "60000");
        try (Peers.Running s = Peers.running(DeltaSyncRunner.server(serverProps), port)) {
            assertThat(busyOverTls(port, trust)).isInstanceOf(dev.deltasync.wire.Busy.class);
            assertThat(tlsClientOnce(client, port, trust)).as("the place is free again").isZero();
        }
    }

    /**
     * What a TLS connection reads while a silent plain one holds the only place. The two race for it (the server
     * admits whichever it sees first): when the TLS one got it, it reads nothing for a while and both try again.
     */
    private static dev.deltasync.wire.Message busyOverTls(int port, Path trust) throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        for (int attempt = 0; ; attempt++) {
            try (java.net.Socket holder = new java.net.Socket(loopback, port);
                 javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) trusting(trust).getSocketFactory()
                         .createSocket(loopback, port)) {
                tls.setSoTimeout(3000);
                try {
                    tls.startHandshake();
                    java.io.InputStream in = tls.getInputStream();
                    int length = in.read(); // a Busy frame is shorter than 128 bytes: its length is one byte
                    assertThat(length).as("a frame, not a silent close").isPositive();
                    dev.deltasync.wire.Frame frame = dev.deltasync.wire.FrameHeader.parse(in.readNBytes(length));
                    assertThat(in.read()).as("then the close").isEqualTo(-1);
                    return dev.deltasync.wire.MessageCodec.decode(frame);
                } catch (java.net.SocketTimeoutException admitted) {
                    assertThat(attempt).as("attempts where the TLS connection took the place").isLessThan(5);
                }
            }
        }
    }

    private static javax.net.ssl.SSLContext trusting(Path truststore) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(truststore)) {
            store.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int tlsClientOnce(Path dir, int port, Path truststore) {
        Map<String, String> props = Peers.clientProps(dir, port, "s3cret");
        props.put("deltasync.tls", "true");
        props.put("deltasync.tls-truststore", truststore.toString());
        props.put("deltasync.tls-truststore-password", "changeit");
        props.put("deltasync.connect-timeout-ms", "3000");
        return DeltaSyncRunner.client(props).runOnce();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
    }

    /** A key pair for the server in {@code serverStore} and its certificate in the trust store {@code trust}. */
    private void serverKeyTrustedBy(Path serverStore, Path trust) throws Exception {
        keytool("-genkeypair", "-alias", "deltasync", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-alias", "deltasync", "-keystore", serverStore.toString(), "-storepass", "changeit",
                "-file", tmp.resolve("server.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "deltasync", "-file", tmp.resolve("server.crt").toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    }

    private static Map<String, String> tlsServerProps(Path server, int port, Path serverStore) {
        Map<String, String> props = Peers.serverProps(server, port, 0, "s3cret");
        props.put("deltasync.tls", "true");
        props.put("deltasync.tls-keystore", serverStore.toString());
        props.put("deltasync.tls-keystore-password", "changeit");
        return props;
    }
}
