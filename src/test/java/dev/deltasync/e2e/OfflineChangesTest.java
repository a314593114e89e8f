package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What happens between two syncs, decided by the last-synced state, end to end. */
class OfflineChangesTest extends TwoFolders {

    @Test
    void aDeleteWhileTheOtherSideWasOfflineIsNotResurrected() throws Exception {
        write(server, "keep.txt", "keep");
        write(server, "gone-on-client.txt", "1");
        write(server, "gone-on-server.txt", "2");
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        Files.delete(client.resolve("gone-on-client.txt"));
        Files.delete(server.resolve("gone-on-server.txt"));
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("deleted")).isEqualTo(2);
        }
        for (Path side : new Path[] {server, client}) {
            assertThat(names(side)).containsExactly("keep.txt");
        }
    }

    @Test
    void bothSidesChangedIsAConflictAndTheLoserIsKept() throws Exception {
        write(server, "doc.txt", "original");
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            write(server, "doc.txt", "server edit");
            write(client, "doc.txt", "client edit");
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.value("conflicts")).isEqualTo(1);
        }
        for (Path side : new Path[] {server, client}) {
            assertThat(side.resolve("doc.txt")).hasContent("client edit");
            assertThat(names(side)).hasSize(2).anySatisfy(name -> {
                assertThat(name).matches("doc\\.sync-conflict-\\d{8}-\\d{6}-server\\.txt");
                assertThat(side.resolve(name)).hasContent("server edit");
            });
        }
    }

    @Test
    void aDeleteAgainstAModificationKeepsTheModification() throws Exception {
        write(server, "notes.txt", "v1");
        try (Peers.Running s = Peers.server(server, port, 1, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Files.delete(server.resolve("notes.txt"));
            write(client, "notes.txt", "v2 edited offline");
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(server.resolve("notes.txt")).hasContent("v2 edited offline");
        assertThat(client.resolve("notes.txt")).hasContent("v2 edited offline");
    }

    @Test
    void aRenamedBigFileMovesAsARenameNotAsData() throws Exception {
        byte[] data = new byte[50 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Files.write(server.resolve("video.bin"), data);
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Files.move(client.resolve("video.bin"), client.resolve("renamed.bin"));
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("bytes_sent") + summary.value("bytes_received")).isLessThan(64 * 1024);
        }
        assertThat(names(server)).containsExactly("renamed.bin");
        assertThat(Files.readAllBytes(server.resolve("renamed.bin"))).isEqualTo(data);
    }

    @Test
    void aWrongSecretOrNoServerExitsWithCode3() throws Exception {
        assertThat(Peers.clientOnce(client, port, "")).as("nobody listening").isEqualTo(3);
        try (Peers.Running s = Peers.server(server, port, 0, "right")) {
            assertThat(Peers.clientOnce(client, port, "wrong")).isEqualTo(3);
            write(server, "after.txt", "a good client still syncs");
            assertThat(Peers.clientOnce(client, port, "right")).isZero();
        }
        assertThat(client.resolve("after.txt")).hasContent("a good client still syncs");
    }

    @Test
    void aServerThatHangsUpOnOurHelloIsNamedAsPossiblyAnotherVersion() throws Exception {
        // what a version-1 server does: read the Hello's first bytes as an absurd frame length, hang up
        try (java.net.ServerSocket oldServer = new java.net.ServerSocket(port, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> {
                while (!oldServer.isClosed()) {
                    try (java.net.Socket s = oldServer.accept()) {
                        s.getInputStream().readNBytes(4);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            hangUp.setDaemon(true);
            hangUp.start();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.err;
            int exit;
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = Peers.clientOnce(client, port, "");
            } finally {
                System.setErr(original);
            }
            assertThat(exit).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to 127.0.0.1:" + port)
                    .contains("did not answer our Hello").contains("another version");
        }
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".deltasync")).sorted().toList();
        }
    }
}
