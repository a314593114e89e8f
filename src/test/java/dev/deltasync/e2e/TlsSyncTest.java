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
        keytool("-genkeypair", "-alias", "deltasync", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-alias", "deltasync", "-keystore", serverStore.toString(), "-storepass", "changeit",
                "-file", tmp.resolve("server.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "deltasync", "-file", tmp.resolve("server.crt").toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=stranger",
                "-validity", "2", "-keystore", otherTrust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");

        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("secret-plans.txt"), "only over TLS", StandardCharsets.UTF_8);
        int port = Peers.freePort();
        Map<String, String> serverProps = Peers.serverProps(server, port, 0, "s3cret");
        serverProps.put("deltasync.tls", "true");
        serverProps.put("deltasync.tls-keystore", serverStore.toString());
        serverProps.put("deltasync.tls-keystore-password", "changeit");
        try (Peers.Running s = Peers.running(DeltaSyncRunner.server(serverProps), port)) {
            assertThat(tlsClientOnce(client, port, otherTrust)).as("client not trusting the server").isEqualTo(3);
            assertThat(tlsClientOnce(client, port, trust)).isZero();
        }
        assertThat(client.resolve("secret-plans.txt")).hasContent("only over TLS");
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
}
