package dev.deltasync.e2e;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.wire.PutBatchResult;
import dev.deltasync.wire.PutLines;
import dev.deltasync.sync.FileEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetBatch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.GetRangeSignatures;
import dev.deltasync.wire.GetRanges;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.SharedRoundAnswer;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.wire.Hello;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.ProtocolVersion;
import dev.deltasync.wire.Refused;
import dev.deltasync.wire.Rename;
import dev.deltasync.wire.Role;

/** The connection under abuse and faults: hostile frames, escaping paths, versions, restarts, byte counts. */
class TransportTest {

    @TempDir
    Path tmp;
    Path server;
    Path client;
    int port;

    @BeforeEach
    void folders() throws IOException {
        server = Files.createDirectories(tmp.resolve("shared/server"));
        client = Files.createDirectories(tmp.resolve("shared/client"));
        port = Peers.freePort();
    }

    @Test
    void thousandHostileFramesLeaveTheServerUpAndAGoodClientSyncs() throws Exception {
        Files.writeString(server.resolve("survivor.txt"), "still served", StandardCharsets.UTF_8);
        Random random = new Random(2026);
        try (Peers.Running s = Peers.server(server, port, 0, "secret")) {
            int sent = 0;
            while (sent < 1000) {
                try (RawPeer peer = new RawPeer(port)) {
                    for (int i = 0; i < 50 && sent < 1000; i++, sent++) {
                        int declared = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(200);
                        byte[] body = RawPeer.randomBytes(random, random.nextInt(200));
                        peer.sendRaw(ByteBuffer.allocate(4 + body.length).putInt(declared).put(body).array());
                    }
                } catch (IOException closedByServer) {
                    // the server drops a connection at its first bad frame: expected
                }
            }
            assertThat(Peers.clientOnce(client, port, "secret")).isZero();
        }
        assertThat(client.resolve("survivor.txt")).hasContent("still served");
        assertThat(names(tmp.resolve("shared"))).containsExactlyInAnyOrder("server", "client");
    }

    @Test
    void pathsThatEscapeTheFolderAreRefusedAndNothingIsWrittenOutside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("shared/outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me", StandardCharsets.UTF_8);
        Files.createSymbolicLink(server.resolve("link-out"), outside);
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            for (Message hostile : new Message[] {
                new Mkdir("../escaped"),
                new Mkdir("/tmp/escaped-absolute"),
                new Mkdir("link-out/through-symlink"),
                new Delete("../outside/precious.txt", "", false),
                new Delete("link-out/precious.txt", "", false),
                new Rename("../outside/precious.txt", "stolen.txt", ""),
                new GetFile("link-out/precious.txt", "", false),
                new GetRangeSignatures("link-out/precious.txt", "", 16, 1L, List.of(new BasisRange(0, 7))),
                new GetRangeSignatures("../outside/precious.txt", "", 16, 1L, List.of(new BasisRange(0, 7))),
                new GetRanges("link-out/precious.txt", "", List.of(new BasisRange(0, 7))),
                new GetSharedRound(1L, List.of(new GetSharedRound.Part("fine.txt", "", 16, List.of(new BasisRange(0, 1))),
                        new GetSharedRound.Part("../outside/precious.txt", "", 16, List.of(new BasisRange(0, 7))))),
                new GetSharedRound(1L, List.of(new GetSharedRound.Part("link-out/precious.txt", "", 16,
                        List.of(new BasisRange(0, 7))))),
                new GetBatch(List.of(new GetBatch.Wanted("../outside/precious.txt", 7))),
                new GetBatch(List.of(new GetBatch.Wanted("link-out/precious.txt", 7))),
                new Mkdir("a\u0000b"),
                new Mkdir(".deltasync/trash/planted"),
                new GetFile(".deltasync/state.mv.db", "", false)}) {
                Message answer = peer.ask(hostile);
                assertThat(answer).as("answer to %s", hostile).isInstanceOf(Error.class);
                assertThat(((Error) answer).code()).as("code for %s", hostile)
                        .isIn(ErrorCodes.BAD_PATH, ErrorCodes.NOT_FOUND);
            }
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(outside.resolve("precious.txt")).hasContent("keep me");
        assertThat(names(outside)).containsExactly("precious.txt");
        assertThat(names(tmp.resolve("shared"))).containsExactlyInAnyOrder("server", "client", "outside");
        assertThat(client.resolve("link-out")).as("a link pointing outside is not synced").doesNotExist();
    }

    @Test
    void refinementAndBatchRequestsBeyondTheirBoundsAreRefusedAndTheServerStaysUp() throws Exception {
        Files.write(server.resolve("small.bin"), new byte[1000]);
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Message answer = peer.ask(new GetRangeSignatures("small.bin", "", 16, 1L, List.of(new BasisRange(990, 20))));
            assertThat(answer).isInstanceOf(Error.class);
            assertThat(((Error) answer).text()).contains("small.bin").contains("beyond");
            Message again = peer.ask(new GetRanges("small.bin", "", java.util.Collections.nCopies(5, new BasisRange(0, 1000))));
            assertThat(again).isInstanceOf(Error.class);
            assertThat(((Error) again).text()).contains("more than 4 times");
            Message greedy = peer.ask(new GetBatch(java.util.Collections.nCopies(65, new GetBatch.Wanted("small.bin", 1 << 20))));
            assertThat(greedy).isInstanceOf(Error.class);
            assertThat(((Error) greedy).code()).isEqualTo(ErrorCodes.PROTOCOL);
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(client.resolve("small.bin")).hasSize(1000);
    }

    @Test
    void lineEditsThatAreMalformedOrDoNotGiveTheNamedFileChangeNothing() throws Exception {
        byte[] old = "one\ntwo\nthree\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] mine = "one\nTWO\nthree\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(server.resolve("a.txt"), old);
        long two = LineKeys.of(0, old, Lines.starts(old))[1];
        LineEdit edit = new LineEdit(0, new int[] {1}, new byte[][] {"TWO\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)});
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        LineEditFormat.writeKeys(java.util.Set.of(two), stream);
        LineEditFormat.write(edit, stream);
        byte[] good = stream.toByteArray();
        FileEntry target = FileEntry.file("a.txt", mine.length, 1_000L, false, Sha256.hex(mine));
        FileEntry wrong = FileEntry.file("a.txt", mine.length, 1_000L, false, Sha256.hex(old));
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Message cut = peer.askWithStream(new PutLines(List.of(new PutLines.File(0, target, Sha256.hex(old)))),
                    java.util.Arrays.copyOf(good, good.length - 2));
            assertThat(cut).isInstanceOf(Error.class);
            assertThat(((Error) cut).code()).isEqualTo(ErrorCodes.PROTOCOL);
            assertThat(((Error) cut).text()).contains("ends too early").contains("nothing installed");

            Message other = peer.askWithStream(new PutLines(List.of(new PutLines.File(0, wrong, Sha256.hex(old)))), good);
            assertThat(other).isInstanceOfSatisfying(PutBatchResult.class, result -> assertThat(result.failed())
                    .singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(ErrorCodes.VERIFICATION)));
            assertThat(server.resolve("a.txt")).hasBinaryContent(old);

            Message right = peer.askWithStream(new PutLines(List.of(new PutLines.File(0, target, Sha256.hex(old)))), good);
            assertThat(right).isInstanceOfSatisfying(PutBatchResult.class, result -> assertThat(result.failed()).isEmpty());
        }
        assertThat(server.resolve("a.txt")).hasBinaryContent(mine);
    }

    @Test
    void aSharedRoundAnswersEachFileOnItsOwnSoOneBadFileFailsAlone() throws Exception {
        byte[] a = RawPeer.randomBytes(new java.util.Random(1), 1_000);
        byte[] c = RawPeer.randomBytes(new java.util.Random(2), 3_000);
        Files.write(server.resolve("a.bin"), a);
        Files.write(server.resolve("c.bin"), c);
        List<BasisRange> wholeA = List.of(new BasisRange(0, 1_000));
        List<BasisRange> partsOfC = List.of(new BasisRange(0, 1_000), new BasisRange(2_000, 1_000));
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            byte[] answer = peer.askForStream(new GetSharedRound(9L, List.of(
                    new GetSharedRound.Part("a.bin", "", 256, wholeA),
                    new GetSharedRound.Part("missing.bin", "", 256, List.of(new BasisRange(0, 10))),
                    new GetSharedRound.Part("c.bin", "", 512, partsOfC),
                    new GetSharedRound.Part("a.bin", "", 16, List.of(new BasisRange(990, 20))))));
            java.io.InputStream in = new java.io.ByteArrayInputStream(answer);
            assertThat(SharedRoundAnswer.readStatus(in)).isNull();
            assertThat(in.readNBytes((int) RangeSignatures.replyBytes(256, wholeA, RangeSignatures.Form.BARE))).isEqualTo(signatures(a, 256, 9L, wholeA));
            assertThat(SharedRoundAnswer.readStatus(in)).satisfies(failure -> {
                assertThat(failure.code()).isEqualTo(ErrorCodes.NOT_FOUND);
                assertThat(failure.text()).contains("missing.bin");
            });
            assertThat(SharedRoundAnswer.readStatus(in)).isNull();
            assertThat(in.readNBytes((int) RangeSignatures.replyBytes(512, partsOfC, RangeSignatures.Form.BARE))).isEqualTo(signatures(c, 512, 9L, partsOfC));
            assertThat(SharedRoundAnswer.readStatus(in)).satisfies(failure -> assertThat(failure.text()).contains("beyond"));
            assertThat(in.read()).as("nothing after the last part").isEqualTo(-1);
            assertThat(Peers.clientOnce(client, port, "")).as("the connection is still fine").isZero();
        }
        assertThat(client.resolve("c.bin")).hasBinaryContent(c);
    }

    /** Cut sums (ROUND_SUM_WIDTH) and hashes named by their prefix (HASH_PREFIXES), over a live connection. */
    @Test
    void roundsAnswerWithSumsCutToTheWidthAskedForAndTakeHashPrefixes() throws Exception {
        byte[] a = RawPeer.randomBytes(new java.util.Random(3), 5_000);
        Files.write(server.resolve("a.bin"), a);
        String prefix = dev.deltasync.rsync.Sha256.hex(a).substring(0, 16);
        List<BasisRange> whole = List.of(new BasisRange(0, 5_000));
        dev.deltasync.rsync.SumWidth width = dev.deltasync.rsync.SumWidth.ofBits(27);
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            byte[] alone = peer.askForStream(new GetRangeSignatures("a.bin", prefix, 64, 5L, whole, width));
            byte[] shared = peer.askForStream(new GetSharedRound(5L, List.of(
                    new GetSharedRound.Part("a.bin", prefix, 64, whole, width))));
            Message stale = peer.ask(new GetRangeSignatures("a.bin", "00000000" + prefix.substring(8), 64, 5L, whole,
                    width));

            byte[] expected = signatures(a, 64, 5L, whole, width);
            assertThat(expected).hasSize((int) ((5_000 / 64 + 1) * 27 + 7) / 8);
            assertThat(alone).isEqualTo(expected);
            assertThat(java.util.Arrays.copyOfRange(shared, 1, shared.length)).isEqualTo(expected);
            assertThat(stale).isInstanceOf(Error.class);
            assertThat(((Error) stale).code()).isEqualTo(ErrorCodes.CHANGED_SINCE_SCAN);
        }
    }

    private byte[] signatures(byte[] file, int blockLength, long seed, List<BasisRange> ranges) throws IOException {
        return signatures(file, blockLength, seed, ranges, null);
    }

    private byte[] signatures(byte[] file, int blockLength, long seed, List<BasisRange> ranges,
                              dev.deltasync.rsync.SumWidth width) throws IOException {
        Path copy = Files.write(tmp.resolve("expected.bin"), file);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(copy)) {
            RangeSignatures.write(channel, file.length, blockLength, seed, ranges, width, RangeSignatures.Form.BARE, out);
        }
        return out.toByteArray();
    }

    @Test
    void anotherProtocolVersionIsRefusedWithBothVersionsNamed() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = new RawPeer(port)) {
            Message answer = peer.ask(new Hello(ProtocolVersion.CURRENT + 41, Role.CLIENT, 0, "from-the-future",
                    new byte[32]));
            assertThat(answer).isInstanceOf(Refused.class);
            assertThat(((Refused) answer).code()).isEqualTo(ErrorCodes.VERSION);
            assertThat(((Refused) answer).reason()).contains(Integer.toString(ProtocolVersion.CURRENT + 41))
                    .contains(Integer.toString(ProtocolVersion.CURRENT));
            await().atMost(Duration.ofSeconds(10)).until(peer::closedByServer);
        }
    }

    @Test
    void aLiveClientReconnectsAfterTheServerRestarts() throws Exception {
        try (Peers.Running c = Peers.liveClient(client, port, "")) {
            try (Peers.Running s = Peers.server(server, port, 0, "")) {
                Files.writeString(server.resolve("before.txt"), "before restart", StandardCharsets.UTF_8);
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(client.resolve("before.txt")));
            }
            Files.writeString(server.resolve("after.txt"), "after restart", StandardCharsets.UTF_8);
            try (Peers.Running s = Peers.server(server, port, 0, "")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(client.resolve("after.txt")));
            }
        }
        assertThat(client.resolve("after.txt")).hasContent("after restart");
    }

    @Test
    void theSummaryCountsTheBytesThatReallyCrossedTheSocket() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(data);
        Files.write(client.resolve("payload.bin"), data);
        Files.writeString(server.resolve("other.txt"), "x".repeat(10_000), StandardCharsets.UTF_8);
        int proxyPort = Peers.freePort();
        try (Peers.Running s = Peers.server(server, port, 0, "");
             CountingProxy proxy = new CountingProxy(proxyPort, port)) {
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, proxyPort, ""));
            assertThat(summary.exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.clientToServer() >= summary.value("bytes_sent"));
            assertThat((double) summary.value("bytes_sent")).isCloseTo(proxy.clientToServer(),
                    org.assertj.core.data.Percentage.withPercentage(1));
            assertThat((double) summary.value("bytes_received")).isCloseTo(proxy.serverToClient(),
                    org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }


    @Test
    void aClientThatGoesSilentIsDroppedAfterFourHeartbeats() throws Exception {
        java.util.Map<String, String> props = Peers.serverProps(server, port, 0, "");
        props.put("deltasync.heartbeat-ms", "200");
        try (Peers.Running s = Peers.running(dev.deltasync.camel.DeltaSyncRunner.server(props), port);
             RawPeer silent = RawPeer.authenticated(port, "")) {
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(silent::closedByServer);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void heartbeatsAreAnswered() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            assertThat(peer.ask(new dev.deltasync.wire.Heartbeat(1))).isInstanceOf(dev.deltasync.wire.Heartbeat.class);
        }
    }
}
