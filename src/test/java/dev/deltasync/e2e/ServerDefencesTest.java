package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.Ack;
import dev.deltasync.wire.Data;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.End;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameHeader;
import dev.deltasync.wire.Heartbeat;
import dev.deltasync.wire.ManifestChunk;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.MessageType;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.Rename;

/** The server against a client that has the secret and breaks the rules, and against floods without it. */
class ServerDefencesTest {

    @TempDir
    Path tmp;
    Path server;
    Path client;
    int port;

    @BeforeEach
    void folders() throws IOException {
        server = Files.createDirectories(tmp.resolve("server"));
        client = Files.createDirectories(tmp.resolve("client"));
        port = Peers.freePort();
    }

    @Test
    void aMode3ServerRefusesEveryChangeAClientAsksForAndStaysUsable() throws Exception {
        byte[] kept = "the server's version".getBytes(StandardCharsets.UTF_8);
        Files.write(server.resolve("kept.txt"), kept);
        String hash = Sha256.hex(kept);
        byte[] upload = "a client's version".getBytes(StandardCharsets.UTF_8);
        FileEntry uploaded = FileEntry.file("new.txt", upload.length, 1_000L, false, Sha256.hex(upload));
        try (Peers.Running s = Peers.server(server, port, 3, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            List<Message> answers = new ArrayList<>();
            answers.add(peer.ask(new Delete("kept.txt", hash, false)));
            answers.add(peer.ask(new Rename("kept.txt", "moved.txt", hash)));
            answers.add(peer.ask(new Mkdir("planted")));
            answers.add(peer.askWithStream(new PutBatch(List.of(uploaded)), upload));
            answers.add(peer.askWithStream(new PutFile(FileEntry.file("kept.txt", upload.length, 1_000L, false,
                    Sha256.hex(upload)), hash, ""), upload));
            assertThat(answers).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(Error.class,
                    error -> assertThat(error.code()).as(error.text()).isEqualTo(ErrorCodes.NOT_ALLOWED)));
            assertThat(peer.ask(new ManifestRequest())).as("the refused streams were read and dropped: the "
                    + "connection still answers").isInstanceOf(ManifestChunk.class);
        }
        assertThat(server.resolve("kept.txt")).hasBinaryContent(kept);
        assertThat(names(server)).containsExactlyInAnyOrder(".deltasync", "kept.txt");
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(ints = {0, 1, 2})
    void aDeleteAskingForNoTrashStillLeavesACopyInTheServersTrash(int mode) throws Exception {
        byte[] precious = ("precious in mode " + mode).getBytes(StandardCharsets.UTF_8);
        Files.write(server.resolve("precious.txt"), precious);
        try (Peers.Running s = Peers.server(server, port, mode, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Message answer = peer.ask(new Delete("precious.txt", Sha256.hex(precious), false));
            assertThat(answer).isInstanceOf(Ack.class);
        }
        assertThat(server.resolve("precious.txt")).doesNotExist();
        assertThat(filesUnder(server.resolve(".deltasync/trash"))).as("the trash keeps the deleted file")
                .anySatisfy(copy -> assertThat(copy).hasBinaryContent(precious));
    }

    @Test
    void aZstdFrameAskingFor128MiBOfWindowClosesTheConnection() throws Exception {
        byte[] frame = zstdFrameWithWindow(27, "eleven byte".getBytes(StandardCharsets.UTF_8));
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            peer.send(new Frame(MessageType.DATA.code(), Frame.STREAM_COMPRESSED, 999, frame));
            await().atMost(Duration.ofSeconds(10)).until(peer::closedByServer);
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
    }

    @Test
    void aLargeFrameBeforeAuthenticationClosesTheConnectionBeforeItsBodyIsRead() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "");
             SocketChannel socket = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            byte[] oneMiBLength = {(byte) 0x80, (byte) 0x80, 0x40}; // LEB128 of 2^20: the handshake's frames are tiny
            socket.write(ByteBuffer.wrap(oneMiBLength));
            // well within the 10 s handshake deadline, which would also close it
            await().atMost(Duration.ofSeconds(5)).until(() -> closed(socket));
            assertThat(Peers.clientOnce(client, port, "")).as("a good client still syncs").isZero();
        }
    }

    @Test
    void dataForARequestThatExpectsNoneClosesTheConnection() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            peer.send(MessageCodec.encode(new Data(new byte[100]), 4242));
            await().atMost(Duration.ofSeconds(10)).until(peer::closedByServer);
        }
    }

    @Test
    void aBatchStreamLongerThanItsDeclaredSizesIsRefusedWithNothingSpooledBeyondThem() throws Exception {
        FileEntry tenBytes = FileEntry.file("ten.bin", 10, 1_000L, false, Sha256.hex(new byte[10]));
        Path spool = server.resolve(".deltasync/tmp");
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            peer.send(MessageCodec.encode(new PutBatch(List.of(tenBytes)), 77));
            peer.send(MessageCodec.encode(new Data(new byte[10]), 77));
            long[] mostSpooled = {0};
            try {
                for (int i = 0; i < 64; i++) { // 16 MiB more than declared
                    peer.send(MessageCodec.encode(new Data(new byte[256 * 1024]), 77));
                    mostSpooled[0] = Math.max(mostSpooled[0], bytesUnder(spool));
                }
                peer.send(MessageCodec.encode(new End(10 + 64L * 256 * 1024, ""), 77));
            } catch (IOException closedByServer) {
                // expected: the server closes the connection at the first byte past the bound
            }
            await().atMost(Duration.ofSeconds(10)).until(peer::closedByServer);
            assertThat(mostSpooled[0]).as("bytes ever seen in the spool").isLessThanOrEqualTo(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> bytesUnder(spool) == 0);
            assertThat(server.resolve("ten.bin")).doesNotExist();
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
    }

    @Test
    void aFloodOfUnauthenticatedHeartbeatingConnectionsIsDroppedWhileAGoodClientSyncs() throws Exception {
        Files.writeString(server.resolve("served.txt"), "still served", StandardCharsets.UTF_8);
        Map<String, String> props = Peers.serverProps(server, port, 0, "secret");
        props.put("deltasync.handshake-timeout-ms", "2000");
        props.put("deltasync.max-unauthenticated-per-address", "20");
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        List<SocketChannel> flood = new ArrayList<>();
        try (Peers.Running s = Peers.running(DeltaSyncRunner.server(props), port)) {
            for (int i = 0; i < 300; i++) {
                SocketChannel socket = SocketChannel.open();
                socket.bind(new InetSocketAddress(flooder, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                socket.configureBlocking(false);
                flood.add(socket);
            }
            long start = System.nanoTime();
            Thread heartbeats = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && flood.stream().anyMatch(f -> !closed(f))) {
                    flood.forEach(ServerDefencesTest::heartbeat);
                    try {
                        Thread.sleep(200); // the flood's pace, not a wait for the server
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            heartbeats.setDaemon(true);
            heartbeats.start();
            try {
                assertThat(Peers.clientOnce(client, port, "secret")).as("a good client syncs during the flood").isZero();
                // every socket read each time (no short cut): a refused one reads its Busy frame, then the close
                await().atMost(Duration.ofSeconds(20)).until(() -> flood.stream().filter(f -> !closed(f)).count() == 0);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the last ones at the deadline, not before")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            } finally {
                heartbeats.interrupt();
                for (SocketChannel socket : flood) {
                    socket.close();
                }
            }
        }
        assertThat(client.resolve("served.txt")).hasContent("still served");
    }

    private static void heartbeat(SocketChannel socket) {
        try {
            socket.write(ByteBuffer.wrap(FrameHeader.toBytes(MessageCodec.encode(new Heartbeat(1), 0))));
        } catch (IOException closed) {
            // the server closed it
        }
    }

    /**
     * Whether the server closed this connection; it never answers one that has not authenticated, except to tell one
     * past the limits that it is busy (one Busy frame, then the close).
     */
    private static boolean closed(SocketChannel socket) {
        if (!socket.isOpen()) {
            return true;
        }
        try {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            int read = socket.read(buffer);
            if (read > 0) {
                byte[] body = java.util.Arrays.copyOfRange(buffer.array(), 1, read); // a Busy frame is < 128 bytes
                assertThat(buffer.get(0)).as("one whole frame").isEqualTo((byte) (read - 1));
                assertThat(MessageCodec.decode(FrameHeader.parse(body))).as("the only word to an unauthenticated peer")
                        .isInstanceOf(dev.deltasync.wire.Busy.class);
                return false;
            }
            return read < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    /** A zstd frame header (no content size) asking for a window of 2^{@code windowLog} bytes, then a raw block. */
    private static byte[] zstdFrameWithWindow(int windowLog, byte[] content) {
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.writeBytes(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, (byte) ((windowLog - 10) << 3)});
        int blockHeader = (content.length << 3) | 1;
        frame.writeBytes(new byte[] {(byte) blockHeader, (byte) (blockHeader >> 8), (byte) (blockHeader >> 16)});
        frame.writeBytes(content);
        return frame.toByteArray();
    }

    private static long bytesUnder(Path dir) throws IOException {
        return filesUnder(dir).stream().mapToLong(p -> p.toFile().length()).sum();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
