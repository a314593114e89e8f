package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live mode: watchers on both sides, server pushes, several clients, through real sockets. */
class LiveSyncTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void changesOnEitherSidePropagateToEveryClient() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path one = Files.createDirectories(tmp.resolve("one"));
        Path two = Files.createDirectories(tmp.resolve("two"));
        Path three = Files.createDirectories(tmp.resolve("three"));
        int port = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 0, "s3cret");
             Peers.Running c1 = Peers.liveClient(one, port, "s3cret");
             Peers.Running c2 = Peers.liveClient(two, port, "s3cret");
             Peers.Running c3 = Peers.liveClient(three, port, "s3cret")) {

            Files.writeString(one.resolve("from-one.txt"), "written in client one", StandardCharsets.UTF_8);
            for (Path side : new Path[] {server, two, three}) {
                await().atMost(PATIENCE).until(() -> Files.exists(side.resolve("from-one.txt")));
                assertThat(side.resolve("from-one.txt")).hasContent("written in client one");
            }

            Files.createDirectories(server.resolve("docs/sub"));
            Files.writeString(server.resolve("docs/sub/from-server.txt"), "server side", StandardCharsets.UTF_8);
            for (Path side : new Path[] {one, two, three}) {
                await().atMost(PATIENCE).until(() -> Files.exists(side.resolve("docs/sub/from-server.txt")));
            }

            Files.delete(two.resolve("from-one.txt"));
            for (Path side : new Path[] {server, one, three}) {
                await().atMost(PATIENCE).until(() -> !Files.exists(side.resolve("from-one.txt")));
            }
        }
    }

    @Test
    void anEditMovesAsADeltaNotAsTheWholeFile() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        byte[] big = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(big);
        Files.write(server.resolve("big.bin"), big);
        Files.write(client.resolve("big.bin"), big);
        int port = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            big[4_000_000] ^= 0x55;
            big[7_000_000] ^= 0x55;
            Files.write(client.resolve("big.bin"), big);
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("files")).isEqualTo(1);
            assertThat(summary.value("literal")).isLessThan(64 * 1024);
            assertThat(summary.value("bytes_sent")).isLessThan(200 * 1024);
            assertThat(Files.readAllBytes(server.resolve("big.bin"))).isEqualTo(big);
        }
    }

    @Test
    void inMirrorModeAnEditOnTheServerIsRevertedAndKeptInTheTrash() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(client.resolve("config.ini"), "client's truth", StandardCharsets.UTF_8);
        int port = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 2, "");
             Peers.Running c = Peers.liveClient(client, port, "")) {
            await().atMost(PATIENCE).until(() -> Files.exists(server.resolve("config.ini")));
            Files.writeString(server.resolve("config.ini"), "edited on the server", StandardCharsets.UTF_8);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(server.resolve("config.ini")).hasContent("client's truth"));
        }
        try (var trashed = Files.walk(server.resolve(".deltasync/trash"))) {
            assertThat(trashed.filter(Files::isRegularFile)).anySatisfy(p ->
                    assertThat(p).hasContent("edited on the server"));
        }
        assertThat(client.resolve("config.ini")).hasContent("client's truth");
    }
}
