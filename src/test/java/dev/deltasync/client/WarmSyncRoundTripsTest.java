package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.sync.Mode;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.GetRangeSignatures;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.GetSignature;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.MessageType;

/**
 * A warm sync of one edited big file, the steady state of issue 19: the client synced the file before (both sides
 * held it alike), then edited it once. Counted over an in-memory link as the bench's proxy counts them.
 */
class WarmSyncRoundTripsTest {

    private static final int SIZE = 3 << 20;

    @TempDir
    Path client;
    @TempDir
    Path server;

    @Test
    void anInsertIntoABigFileBothSidesHeldAlikeTakesAtMostFourRoundTrips() throws Exception {
        byte[] old = new byte[SIZE];
        new Random(19).nextBytes(old);
        Files.write(client.resolve("data.bin"), old);
        Files.write(server.resolve("data.bin"), old);
        byte[] edited = new byte[SIZE + 1000];
        int at = SIZE / 2 + 777; // inside a block of the cached signature: refinement rounds have work to do
        System.arraycopy(old, 0, edited, 0, at);
        byte[] inserted = new byte[1000];
        new Random(20).nextBytes(inserted);
        System.arraycopy(inserted, 0, edited, at, 1000);
        System.arraycopy(old, at, edited, at + 1000, SIZE - at);

        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.MIRROR_CLIENT_TO_SERVER)) {
            assertThat(peers.sync().errors()).isEmpty(); // first contact: nothing to copy, both agree on the file
            peers.finishBackgroundWrites();
            Files.write(client.resolve("data.bin"), edited);

            SyncReport warm = peers.sync();

            assertThat(warm.errors()).isEmpty();
            assertThat(Files.readAllBytes(server.resolve("data.bin"))).isEqualTo(edited);
            assertThat(roundBlocks(peers.clientFrames()))
                    .as("the client's cached signature of the agreed version stands for the first round")
                    .allSatisfy(block -> assertThat(block).isLessThan(2048))
                    .hasSizeLessThanOrEqualTo(2);
            // the manifest, at most two refinement rounds, the delta
            assertThat(peers.turns()).isBetween(2, 4);
        }
    }

    /**
     * A server that resumes cut uploads is asked, before a big file goes up, what it kept of a cut upload of it. The
     * question leaves with the manifest request for each big file whose content the server's version we know lacks,
     * so the upload takes the answer already in and the sync waits on no more round trips than with a server that
     * keeps nothing. Asked after the plan, it was a round trip of its own.
     */
    @Test
    void theQuestionOfAKeptUploadLeavesWithTheManifestRequest(@TempDir Path otherClient, @TempDir Path otherServer)
            throws Exception {
        int withoutQuestions = editedBigFileSynced(client, server, false);
        List<Integer> withoutTypes = types(lastFrames);
        int withQuestions = editedBigFileSynced(otherClient, otherServer, true);
        List<Integer> types = types(lastFrames);

        assertThat(withoutTypes).doesNotContain(MessageType.GET_PARTIAL.code());
        assertThat(types).as("one question, about the edited file only").containsOnlyOnce(MessageType.GET_PARTIAL.code());
        assertThat(partialBurst).as("the question leaves in the manifest request's burst").isEqualTo(manifestBurst);
        assertThat(withQuestions).isEqualTo(withoutQuestions);
    }

    private List<Frame> lastFrames;
    private int partialBurst;
    private int manifestBurst;

    /** Both sides hold a big file and another alike, then the client's copy of the first is edited: turns of its sync. */
    private int editedBigFileSynced(Path clientDir, Path serverDir, boolean resuming) throws Exception {
        byte[] old = new byte[SIZE];
        new Random(23).nextBytes(old);
        for (Path dir : List.of(clientDir, serverDir)) {
            Files.write(dir.resolve("data.bin"), old);
            Files.write(dir.resolve("same.bin"), old);
        }
        byte[] edited = old.clone();
        edited[SIZE / 2] ^= 1;
        try (MemoryPeers peers = new MemoryPeers(clientDir, serverDir, Mode.MIRROR_CLIENT_TO_SERVER)) {
            if (resuming) {
                peers.resumingUploads();
            }
            assertThat(peers.sync().errors()).isEmpty();
            peers.finishBackgroundWrites();
            Files.write(clientDir.resolve("data.bin"), edited);

            SyncReport warm = peers.sync();

            assertThat(warm.errors()).isEmpty();
            assertThat(Files.readAllBytes(serverDir.resolve("data.bin"))).isEqualTo(edited);
            lastFrames = List.copyOf(peers.clientFrames());
            partialBurst = peers.firstBurstOf(MessageType.GET_PARTIAL);
            manifestBurst = peers.firstBurstOf(MessageType.MANIFEST_REQUEST);
            return peers.turns();
        }
    }

    private static List<Integer> types(List<Frame> frames) {
        return frames.stream().map(f -> (int) f.type()).toList();
    }

    /**
     * The download direction at 20 Mbit/s and 40 ms (a 20 ms delay each way, so the round trip the client measures
     * is worth ~75 KB): the server's copy of a file both sides held alike got ten inserts, the client fetches them.
     * Its rounds shrink by expected time, so it waits on the manifest, two rounds and the ranges; shrinking by a
     * quarter it waited on four rounds (6 round trips).
     */
    @Test
    void tenInsertsIntoABigFileOnTheServerReachTheClientInFourRoundTripsOverA40MsLink() throws Exception {
        byte[] old = new byte[8 << 20];
        new Random(21).nextBytes(old);
        Files.write(client.resolve("data.bin"), old);
        Files.write(server.resolve("data.bin"), old);
        java.io.ByteArrayOutputStream edited = new java.io.ByteArrayOutputStream();
        Random random = new Random(22);
        int from = 0;
        for (int i = 1; i <= 10; i++) {
            int at = i * (old.length / 11) + random.nextInt(1000);
            edited.write(old, from, at - from);
            byte[] inserted = new byte[100];
            random.nextBytes(inserted);
            edited.write(inserted);
            from = at;
        }
        edited.write(old, from, old.length - from);

        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.MIRROR_SERVER_TO_CLIENT, 20)) {
            assertThat(peers.sync().errors()).isEmpty();
            Files.write(server.resolve("data.bin"), edited.toByteArray());

            SyncReport warm = peers.sync();

            assertThat(warm.errors()).isEmpty();
            assertThat(Files.readAllBytes(client.resolve("data.bin"))).isEqualTo(edited.toByteArray());
            assertThat(peers.turns()).isBetween(3, 4);
        }
    }

    /**
     * The text-edit workload of issue 19, uploaded warm over a 200 ms round trip: edited source files, a few
     * deletions and new files. The line sketch of the edited files is asked with the manifest request, and the
     * deletions, the batch of new files and the line edits leave together once the manifest is in, so the client waits
     * on two round trips. Asking for the sketch after the plan, it waited on three (the manifest, the sketch with the
     * deletions and batch, the line edits); sending the sketch and the batch only once the deletions were answered,
     * on four.
     */
    @Test
    void editedDeletedAndNewTextFilesGoUpInTwoRoundTripsAfterTheHandshake() throws Exception {
        String text = dev.deltasync.lines.SampleText.of(4096);
        for (int i = 0; i < 40; i++) {
            String body = "file " + i + "\n" + text;
            Files.createDirectories(client.resolve("src"));
            Files.createDirectories(server.resolve("src"));
            Files.writeString(client.resolve("src/f" + i + ".txt"), body);
            Files.writeString(server.resolve("src/f" + i + ".txt"), body);
        }

        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.MIRROR_CLIENT_TO_SERVER, 400)) {
            assertThat(peers.sync().errors()).isEmpty();
            for (int i = 0; i < 4; i++) {
                Path edited = client.resolve("src/f" + i + ".txt");
                Files.writeString(edited, Files.readString(edited).replace("line 7 ", "line seven, edited " + i + " "));
            }
            Files.delete(client.resolve("src/f10.txt"));
            Files.delete(client.resolve("src/f11.txt"));
            Files.writeString(client.resolve("src/added1.txt"), "a new file\n");
            Files.writeString(client.resolve("src/added2.txt"), "another new file\n");

            SyncReport warm = peers.sync();

            assertThat(warm.errors()).isEmpty();
            assertThat(MemoryPeers.files(server)).isEqualTo(MemoryPeers.files(client));
            assertThat(peers.clientFrames()).anyMatch(f -> f.type() == MessageType.PUT_LINES.code());
            assertThat(peers.firstBurstOf(MessageType.GET_LINE_SKETCH))
                    .as("the line sketch is asked in the manifest request's burst")
                    .isEqualTo(peers.firstBurstOf(MessageType.MANIFEST_REQUEST));
            assertThat(peers.turns()).as("the manifest with the sketch, then the deletions, batch and line edits")
                    .isEqualTo(2);
            List<Integer> types = types(peers.clientFrames());
            assertThat(types.indexOf(MessageType.GET_LINE_SKETCH.code()))
                    .as("the sketch is asked before the deletions, so the server answers it before it carries them out")
                    .isLessThan(types.indexOf(MessageType.DELETE.code()))
                    .isLessThan(types.indexOf(MessageType.PUT_BATCH.code()));
        }
    }

    /** The block length of each signature the client asked the server for. */
    private static List<Integer> roundBlocks(List<Frame> frames) {
        return frames.stream()
                .filter(f -> f.type() == MessageType.GET_SHARED_ROUND.code()
                        || f.type() == MessageType.GET_RANGE_SIGNATURES.code()
                        || f.type() == MessageType.GET_SIGNATURE.code())
                .map(MessageCodec::decode)
                .flatMap(WarmSyncRoundTripsTest::blocks)
                .toList();
    }

    private static java.util.stream.Stream<Integer> blocks(Message message) {
        if (message instanceof GetSharedRound round) {
            return round.parts().stream().map(GetSharedRound.Part::blockLength);
        } else if (message instanceof GetRangeSignatures get) {
            return java.util.stream.Stream.of(get.blockLength());
        }
        return java.util.stream.Stream.of(Integer.MAX_VALUE); // a whole signature: no cache used
    }
}
