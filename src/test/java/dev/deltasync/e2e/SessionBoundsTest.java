package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.camel.ServerHub;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.server.ServerSession;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.PutFile;

/**
 * An authenticated client that keeps asking and never reads, or opens streams it never ends, is cut off before
 * its queues hold the server's memory; the other clients go on. On the code before, the server kept every request:
 * 3,000 answers queued for the first peer, 3,000 open spool files for the second, and both connections open.
 */
class SessionBoundsTest {

    private static final String SECRET = "bounds";
    private static final int REQUESTS = 3000;

    @TempDir
    Path tmp;

    @Test
    void aClientThatAsksForAnswersAndNeverReadsThemIsCutOffWithItsQueueBounded() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        byte[] big = RawPeer.randomBytes(new Random(31), 8 << 20); // far beyond the socket buffers
        Files.write(server.resolve("big.bin"), big);
        Files.writeString(server.resolve("note.txt"), "for the client that reads");
        int port = Peers.freePort();
        DeltaSyncRunner runner = DeltaSyncRunner.server(props(server, port));
        ServerHub hub = (ServerHub) runner.role().beans().get("serverHub");
        try (Peers.Running ignored = Peers.running(runner, port);
             RawPeer peer = RawPeer.authenticatedWithReceiveBuffer(port, SECRET, 4096)) {
            peer.tell(new GetFile("big.bin", Sha256.hex(big), false));
            await().atMost(Duration.ofSeconds(30)).until(hub::sessionsWaitingForClients, n -> n == 1);
            int largest = 0;
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    peer.tell(new GetFile("note.txt", "", false));
                    largest = Math.max(largest, hub.largestAnswerQueue());
                }
            } catch (IOException cutOff) {
                // the server closed the connection while the peer was still asking
            }

            await().atMost(Duration.ofSeconds(30)).until(hub::connectedClients, n -> n == 0);
            assertThat(Math.max(largest, hub.largestAnswerQueue())).as("answers queued for the peer")
                    .isLessThanOrEqualTo(ServerSession.MAX_QUEUED_ANSWERS);
            assertThat(Peers.clientOnce(client, port, SECRET)).as("a good client still syncs").isZero();
            assertThat(client.resolve("note.txt")).hasContent("for the client that reads");
        }
    }

    @Test
    void aClientThatOpensStreamsAndNeverEndsThemIsCutOffWithItsOpenStreamsBounded() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("note.txt"), "for the client that reads");
        int port = Peers.freePort();
        DeltaSyncRunner runner = DeltaSyncRunner.server(props(server, port));
        ServerHub hub = (ServerHub) runner.role().beans().get("serverHub");
        try (Peers.Running ignored = Peers.running(runner, port);
             RawPeer peer = RawPeer.authenticated(port, SECRET)) {
            int largest = 0;
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    peer.tell(new PutFile(FileEntry.file("up-" + i + ".bin", 10, 1_000L, false, "ab".repeat(32)), "", ""));
                    largest = Math.max(largest, hub.pendingRequests());
                }
            } catch (IOException cutOff) {
                // the server closed the connection while the peer was still opening streams
            }

            await().atMost(Duration.ofSeconds(30)).until(hub::connectedClients, n -> n == 0);
            assertThat(largest).as("streams open for the peer").isLessThanOrEqualTo(ServerSession.MAX_OPEN_STREAMS);
            await().atMost(Duration.ofSeconds(10)).until(hub::pendingRequests, n -> n == 0);
            assertThat(Peers.clientOnce(client, port, SECRET)).as("a good client still syncs").isZero();
            assertThat(client.resolve("note.txt")).hasContent("for the client that reads");
            assertThat(server.resolve(".deltasync/tmp")).as("no spool file left").isEmptyDirectory();
        }
    }

    private static Map<String, String> props(Path server, int port) {
        Map<String, String> props = Peers.serverProps(server, port, 0, SECRET);
        props.put("deltasync.heartbeat-ms", "120000"); // the raw peers send no heartbeats
        return props;
    }
}
