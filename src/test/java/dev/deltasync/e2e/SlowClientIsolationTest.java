package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.camel.ServerHub;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.WireLimits;

/** Clients that stop reading what the server sends them hold up nobody but themselves. */
class SlowClientIsolationTest {

    /** As many as camel-netty has executors by default: enough to have held up every client before sessions had their own queue. */
    private static final int STALLED = 16;
    private static final String SECRET = "isolation";

    @TempDir
    Path tmp;
    private final List<RawPeer> stalled = new ArrayList<>();

    @AfterEach
    void closeStalled() throws IOException {
        for (RawPeer peer : stalled) {
            peer.close();
        }
    }

    @Test
    void clientsThatStopReadingMidDownloadDoNotDelayAnotherClientsSync() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        byte[] big = RawPeer.randomBytes(new Random(22), 32 << 20); // incompressible, far beyond the socket buffers
        Files.write(server.resolve("big.bin"), big);
        Files.writeString(server.resolve("note.txt"), "for the client that reads");
        int port = Peers.freePort();
        Map<String, String> props = Peers.serverProps(server, port, 0, SECRET);
        props.put("deltasync.heartbeat-ms", "120000"); // the stalled peers send no heartbeats: keep them connected
        DeltaSyncRunner runner = DeltaSyncRunner.server(props);
        ServerHub hub = (ServerHub) runner.role().beans().get("serverHub");
        try (Peers.Running ignored = Peers.running(runner, port)) {
            for (int i = 0; i < STALLED; i++) {
                RawPeer peer = RawPeer.authenticatedWithReceiveBuffer(port, SECRET, 4096);
                stalled.add(peer);
                peer.tell(new GetFile("big.bin", Sha256.hex(big), false));
            }
            // each is being sent the file (more than an error's few bytes arrived) and reads none of it
            for (RawPeer peer : stalled) {
                await().atMost(Duration.ofSeconds(60)).until(() -> peer.unread() >= 4096);
            }
            await().atMost(Duration.ofSeconds(60)).until(hub::sessionsWaitingForClients, n -> n == STALLED);

            CompletableFuture<Integer> sync = CompletableFuture.supplyAsync(() -> Peers.clientOnce(client, port, SECRET));
            await().atMost(Duration.ofSeconds(60)).until(sync::isDone);

            assertThat(sync.get()).as("the reading client's exit code").isZero();
            assertThat(client.resolve("note.txt")).hasContent("for the client that reads");
            assertThat(client.resolve("big.bin")).hasBinaryContent(big);

            // what waits for the stalled peers stays bounded while they keep not reading
            long bound = ServerHub.MAX_UNWRITTEN_PER_CLIENT + WireLimits.DEFAULT_CHUNK_SIZE + 4096;
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(hub::largestUnwrittenBacklog, bytes -> bytes > 0 && bytes <= bound);
            assertThat(hub.sessionsWaitingForClients()).as("the stalled peers' sessions still wait").isEqualTo(STALLED);
        }
    }

    /**
     * The session's frames never wait behind an answer streaming to its slow client: with every frame of a session on
     * one queue, the upload's pieces stayed queued behind the download until the client read it (never, here).
     */
    @Test
    void aClientsUploadIsTakenWhileTheServerStreamsItALongAnswerItDoesNotRead() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        byte[] big = RawPeer.randomBytes(new Random(23), 32 << 20);
        Files.write(server.resolve("big.bin"), big);
        byte[][] uploads = new byte[3][];
        List<FileEntry> targets = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < uploads.length; i++) {
            uploads[i] = RawPeer.randomBytes(new Random(24 + i), 1 << 20); // a batch's largest file
            targets.add(FileEntry.file("uploaded-" + i + ".bin", uploads[i].length, 1_000L, false,
                    Sha256.hex(uploads[i])));
            stream.write(uploads[i]);
        }
        int port = Peers.freePort();
        Map<String, String> props = Peers.serverProps(server, port, 0, SECRET);
        props.put("deltasync.heartbeat-ms", "120000"); // the raw peer sends no heartbeats
        DeltaSyncRunner runner = DeltaSyncRunner.server(props);
        ServerHub hub = (ServerHub) runner.role().beans().get("serverHub");
        try (Peers.Running ignored = Peers.running(runner, port)) {
            RawPeer peer = RawPeer.authenticatedWithReceiveBuffer(port, SECRET, 4096);
            stalled.add(peer);
            peer.tell(new GetFile("big.bin", Sha256.hex(big), false));
            await().atMost(Duration.ofSeconds(60)).until(hub::sessionsWaitingForClients, n -> n == 1);

            peer.tellWithStream(new PutBatch(targets), stream.toByteArray(), 256 * 1024);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (int i = 0; i < uploads.length; i++) {
                    assertThat(server.resolve("uploaded-" + i + ".bin")).hasBinaryContent(uploads[i]);
                }
            });
            assertThat(hub.sessionsWaitingForClients()).as("the download still waits for the peer").isEqualTo(1);
        }
    }
}
