package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.cli.DeltaSyncCommand;
import dev.deltasync.inspect.FolderRecord;
import picocli.CommandLine;

/** client --dry-run, status and conflicts against a real server and client on loopback. */
class InspectFolderTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();

    private int cli(String... args) {
        CommandLine cmd = DeltaSyncCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothingOnEitherSide() throws Exception {
        Path server = tmp.resolve("server");
        Path client = tmp.resolve("client");
        Files.createDirectories(client);
        Files.writeString(client.resolve("kept.txt"), "kept");
        Files.writeString(client.resolve("gone.txt"), "gone");
        int port = Peers.freePort();
        try (Peers.Running running = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Files.writeString(client.resolve("new.txt"), "brand new");
            Files.writeString(client.resolve("kept.txt"), "kept, and changed");
            Files.delete(client.resolve("gone.txt"));
            Files.writeString(server.resolve("from-server.txt"), "server side");
            Map<String, String> before = snapshot(server, client);

            Map<String, String> props = new HashMap<>(Peers.clientProps(client, port, ""));
            props.put("deltasync.dry-run", "true");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = DeltaSyncRunner.client(props).runOnce();
            } finally {
                System.setOut(stdout);
            }

            assertThat(exit).isZero();
            String plan = printed.toString(StandardCharsets.UTF_8);
            assertThat(plan).containsPattern("(?m)^upload +new\\.txt  9 B, new file, at most 9 B on the wire$")
                    .containsPattern("(?m)^upload +kept\\.txt  17 B, update, a delta against the 4 B version there")
                    .containsPattern("(?m)^delete +gone\\.txt  4 B, on the server$")
                    .containsPattern("(?m)^download +from-server\\.txt  11 B, new file")
                    .contains("dry run: 1 delete, 1 download, 2 upload; nothing was changed")
                    .doesNotContain("synced:");
            assertThat(snapshot(server, client)).isEqualTo(before);
        }
    }

    @Test
    void statusTellsTheLastSyncAndThePendingChanges() throws Exception {
        Path server = tmp.resolve("server");
        Path client = tmp.resolve("client");
        Files.createDirectories(client);
        Files.writeString(client.resolve("a.txt"), "a");
        assertThat(cli("status", "--dir", client.toString())).isZero();
        assertThat(out.toString()).contains("role:").contains("none (never synced)").contains("unknown: never synced");

        int port = Peers.freePort();
        try (Peers.Running running = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Files.writeString(client.resolve("b.txt"), "b");
            Files.delete(client.resolve("a.txt"));

            out.getBuffer().setLength(0);
            assertThat(cli("status", "--dir", client.toString(), "--json")).isZero();
            String json = out.toString();
            assertThat(json).contains("\"role\":\"client\"", "\"server\":\"127.0.0.1:" + port + "\"", "\"mode\":\"0\"",
                    "\"last_result\":\"ok\"", "\"running\":false", "\"files\":1",
                    "\"pending_local_changes\":[\"- a.txt\",\"+ b.txt\"]", "\"conflict_copies\":[]");
            assertThat(json).containsPattern("\"last_sync\":\"20\\d\\d-");

            out.getBuffer().setLength(0);
            assertThat(cli("status", "--dir", server.toString())).isZero();
            assertThat(out.toString()).contains("role:                   server", "running:                true",
                    "listening:              127.0.0.1:" + port);
        }
        assertThat(FolderRecord.read(server)).containsKey("stopped").doesNotContainKey("live.pid");
    }

    @Test
    void statusBesideARunningClientAndServerTellsTheLiveFacts() throws Exception {
        Path server = tmp.resolve("server");
        Path client = tmp.resolve("client");
        Files.createDirectories(client);
        int port = Peers.freePort();
        Map<String, String> props = new HashMap<>(Peers.clientProps(client, port, ""));
        props.put("deltasync.quiet-ms", "120000"); // a local change stays pending while the test looks
        props.put("deltasync.max-delay-ms", "120000");
        try (Peers.Running running = Peers.server(server, port, 0, "");
             Peers.Running live = new Peers.Running(DeltaSyncRunner.client(props), "live-client")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(client))
                    .contains("\"role\":\"client\"", "\"running\":true", "\"connected\":\"yes\"", "\"transfers\":[]"));
            Files.writeString(client.resolve("later.txt"), "not synced yet");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(client))
                    .contains("\"pending_local_changes\":[\"~ later.txt\"]"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(server))
                    .contains("\"role\":\"server\"", "\"running\":true", "\"transfers\":[]")
                    .containsPattern("\"clients\":\\[\"client [^\"]+ \\(/?127\\.0\\.0\\.1:\\d+\\), last heard 20\\d\\d-"));

            out.getBuffer().setLength(0);
            assertThat(cli("status", "--dir", client.toString())).isZero();
            assertThat(out.toString()).contains("connected:              yes", "pending local changes:  1",
                    "    ~ later.txt", "transfers:              0");
        }
        assertThat(FolderRecord.read(client)).containsKey("stopped").doesNotContainKeys("live.pid", "live.connected",
                "live.pending", "live.transfers");
    }

    private String status(Path dir) {
        out.getBuffer().setLength(0);
        assertThat(cli("status", "--dir", dir.toString(), "--json")).isZero();
        return out.toString();
    }

    @Test
    void conflictsAreListedAndResolved() throws Exception {
        Path server = tmp.resolve("server");
        Path client = tmp.resolve("client");
        Files.createDirectories(client);
        Files.createDirectories(server);
        Files.writeString(client.resolve("notes.txt"), "client's notes");
        Files.writeString(server.resolve("notes.txt"), "server's notes");
        int port = Peers.freePort();
        try (Peers.Running running = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero(); // mode 0: the client wins, the server's copy is kept
            assertThat(cli("conflicts", "--dir", client.toString())).isZero();
            assertThat(out.toString()).containsPattern(
                    "notes\\.sync-conflict-\\d{8}-\\d{6}-server\\.txt  \\(the server's version of notes\\.txt, 20");

            out.getBuffer().setLength(0);
            assertThat(cli("conflicts", "--dir", client.toString(), "--resolve", "keep-theirs", "notes.txt")).isZero();
            assertThat(out.toString()).contains("kept the server's version of notes.txt")
                    .contains("the client's version went to .deltasync/trash/");
            assertThat(client.resolve("notes.txt")).hasContent("server's notes");
            try (Stream<Path> files = Files.list(client)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", ".deltasync");
            }
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            assertThat(server.resolve("notes.txt")).hasContent("server's notes");
            try (Stream<Path> files = Files.list(server)) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("notes.sync-conflict");
                }
            out.getBuffer().setLength(0);
            assertThat(cli("conflicts", "--dir", server.toString())).isZero();
            assertThat(out.toString()).startsWith("no conflict copies");
        }
    }

    /** Every file's bytes in both folders, the state stores included (the status record is not state). */
    private static Map<String, String> snapshot(Path... roots) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.getFileName().toString().startsWith(FolderRecord.FILE_NAME)) {
                        all.put(f.toString(), java.util.HexFormat.of().formatHex(
                                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                    }
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }
}
