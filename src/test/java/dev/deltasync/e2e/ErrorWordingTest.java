package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;

/**
 * What {@code client --once} says on stdout and stderr, and its exit code, when the sync cannot be done: a refused
 * mass delete, a plain client against a TLS server, a host that does not exist.
 */
class ErrorWordingTest {

    @TempDir
    Path tmp;

    /** What a run printed, and how it exited. */
    private record Output(int exit, String out, String err) {
    }

    @Test
    void aRefusedMassDeleteNamesBothOptionsPrintsNoSummaryAndFails() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(client.resolve("file-" + i + ".txt"), "content " + i);
        }
        int port = Peers.freePort();
        try (Peers.Running running = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            for (int i = 0; i < 10; i++) {
                Files.delete(client.resolve("file-" + i + ".txt"));
            }

            Output refused = captured(() -> Peers.clientOnce(client, port, ""));

            assertThat(refused.exit()).isNotZero();
            assertThat(refused.out()).doesNotContain("synced:");
            assertThat(refused.err()).contains("--allow-mass-delete", "--max-delete-share");
            try (var files = Files.list(server)) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith("file-"))).hasSize(12);
            }
        }
    }

    @Test
    void aPlainClientAgainstATlsServerIsToldItIsATlsMismatch() throws Exception {
        Path store = tmp.resolve("server.p12");
        keytool("-genkeypair", "-alias", "deltasync", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit");
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = Peers.freePort();
        Map<String, String> serverProps = Peers.serverProps(server, port, 0, "s3cret");
        serverProps.put("deltasync.tls", "true");
        serverProps.put("deltasync.tls-keystore", store.toString());
        serverProps.put("deltasync.tls-keystore-password", "changeit");
        try (Peers.Running s = Peers.running(DeltaSyncRunner.server(serverProps), port)) {
            Map<String, String> props = Peers.clientProps(client, port, "s3cret");
            props.put("deltasync.connect-timeout-ms", "5000");

            Output plain = captured(() -> DeltaSyncRunner.client(props).runOnce());

            assertThat(plain.exit()).isEqualTo(3);
            assertThat(plain.err()).contains("the server uses TLS and this client does not (a TLS mismatch)", "--tls")
                    .doesNotContain("another version", "another service");
            assertThat(plain.out()).doesNotContain("synced:");
        }
    }

    @Test
    void anUnknownHostIsNamedAsOne() throws Exception {
        Path client = Files.createDirectories(tmp.resolve("client"));
        Map<String, String> props = Peers.clientProps(client, Peers.freePort(), "");
        props.put("deltasync.host", "no-such-host.invalid");
        props.put("deltasync.connect-timeout-ms", "5000");

        Output unknown = captured(() -> DeltaSyncRunner.client(props).runOnce());

        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).contains("cannot find host no-such-host.invalid")
                .doesNotContainPattern(":\\s*no-such-host\\.invalid\\s*$");
    }

    /** Runs {@code run} with stdout and stderr caught (deltasync's runner prints to them directly). */
    private static synchronized Output captured(IntSupplier run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            exit = run.getAsInt();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Output(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
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
