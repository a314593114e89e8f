package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.wire.Capabilities;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageType;

/**
 * The real server and a live client: an edit of a small file on the server reaches the client with the server's push
 * alone, and a client that does not announce {@code PUSH_STEP} gets the plain paths it always got.
 */
class PushedStepLiveTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<MessageType> ASKING = List.of(MessageType.MANIFEST_REQUEST, MessageType.GET_FILE,
            MessageType.GET_BATCH, MessageType.GET_SIGNATURE, MessageType.GET_RANGES, MessageType.GET_RANGE_SIGNATURES,
            MessageType.GET_SHARED_ROUND, MessageType.GET_LINE_SKETCH, MessageType.GET_LINE_EDITS);

    @TempDir
    Path tmp;

    @Test
    void aServerEditReachesALiveClientWithNoRequestAndAPeerWithoutTheCapabilityGetsThePaths() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("notes.txt"), "first version\n");
        int port = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 0, "s3cret");
             FrameTypeProxy proxy = new FrameTypeProxy(port);
             Peers.Running c = Peers.liveClient(client, proxy.port(), "s3cret")) {
            await().atMost(PATIENCE).until(() -> Files.exists(client.resolve("notes.txt")));
            awaitSettled(proxy);
            try (RawPeer plain = RawPeer.authenticated(port, "s3cret", Capabilities.OFFERED & ~Capabilities.PUSH_STEP);
                 RawPeer stepping = RawPeer.authenticated(port, "s3cret", Capabilities.OFFERED)) {
                int[] before = ASKING.stream().mapToInt(proxy::sent).toArray();

                Files.writeString(server.resolve("notes.txt"), "second version, a little longer\n");

                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(client.resolve("notes.txt")).hasContent("second version, a little longer"));
                assertThat(ASKING.stream().mapToInt(proxy::sent).toArray())
                        .as("requests for the manifest or files, by type " + ASKING).isEqualTo(before);
                Changed toPlain = nextPush(plain);
                assertThat(toPlain.paths()).contains("notes.txt");
                assertThat(toPlain.step()).isNull();
                Changed toStepping = nextPush(stepping);
                assertThat(toStepping.step()).isNotNull();
                assertThat(toStepping.step().contents()).extracting(c2 -> c2.path()).containsExactly("notes.txt");
            }
        }
    }

    @Test
    void aOneLineServerEditOfA40KibTextReachesALiveClientAsALineEditWithNoRequest() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        String base = dev.deltasync.lines.SampleText.of(40 * 1024);
        Files.writeString(server.resolve("Big.java"), base);
        int port = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 0, "s3cret");
             FrameTypeProxy proxy = new FrameTypeProxy(port);
             Peers.Running c = Peers.liveClient(client, proxy.port(), "s3cret")) {
            await().atMost(PATIENCE).until(() -> Files.exists(client.resolve("Big.java")));
            awaitSettled(proxy);
            int[] before = ASKING.stream().mapToInt(proxy::sent).toArray();
            long bytesBefore = proxy.receivedBytes();

            String edited = base.replace("line 200 ", "line 200 edited on the server ");
            Files.writeString(server.resolve("Big.java"), edited);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(client.resolve("Big.java")).hasContent(edited));
            assertThat(ASKING.stream().mapToInt(proxy::sent).toArray())
                    .as("requests for the manifest or files, by type " + ASKING).isEqualTo(before);
            assertThat(proxy.receivedBytes() - bytesBefore).as("bytes the server sent for the edit")
                    .isLessThan(base.length() / 4);
        }
    }

    /** The client's start-up cycles (connect, its watcher's first full scan) are over when it asks no more. */
    private static void awaitSettled(FrameTypeProxy proxy) {
        int[] settled = {-1};
        await().atMost(PATIENCE).during(Duration.ofSeconds(1)).until(() -> {
            int now = proxy.sent(MessageType.MANIFEST_REQUEST);
            boolean same = now > 0 && now == settled[0];
            settled[0] = now;
            return same;
        });
    }

    /** Numbered lines of random hex: text that compresses no better than about 2:1. */

    private static Changed nextPush(RawPeer peer) throws IOException {
        Message message = peer.receive();
        while (!(message instanceof Changed)) {
            message = peer.receive();
        }
        return (Changed) message;
    }
}
