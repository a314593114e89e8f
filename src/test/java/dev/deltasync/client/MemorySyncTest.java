package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.Mode;
import dev.deltasync.wire.MessageType;

/**
 * Whole sync cycles between two temp folders with no socket ({@link MemoryPeers}): what each mode does to both
 * sides over two cycles, a conflict, and a link that drops in the middle of a plan, retried by the next cycle.
 */
class MemorySyncTest {

    @TempDir
    Path client;
    @TempDir
    Path server;

    private static final String BIG = "line of a file big enough to go by refinement rounds\n".repeat(2_000);

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachModeMakesTheTwoFoldersWhatItPromisesOverTwoCycles(Mode mode) throws Exception {
        write(client, "both.txt", "the same on both sides\n");
        write(server, "both.txt", "the same on both sides\n");
        write(client, "docs/from-client.txt", "written on the client\n");
        write(server, "from-server.txt", "written on the server\n");
        write(client, "big.txt", BIG);
        write(server, "big.txt", BIG);

        try (MemoryPeers peers = new MemoryPeers(client, server, mode)) {
            assertThat(peers.sync().errors()).isEmpty();
            Map<String, String> first = switch (mode) {
                case UNION_CLIENT_WINS, UNION_SERVER_WINS -> Map.of("both.txt", "the same on both sides\n",
                        "docs/from-client.txt", "written on the client\n", "from-server.txt", "written on the server\n",
                        "big.txt", BIG);
                case MIRROR_CLIENT_TO_SERVER -> Map.of("both.txt", "the same on both sides\n",
                        "docs/from-client.txt", "written on the client\n", "big.txt", BIG);
                case MIRROR_SERVER_TO_CLIENT -> Map.of("both.txt", "the same on both sides\n",
                        "from-server.txt", "written on the server\n", "big.txt", BIG);
            };
            assertThat(peers.clientFiles()).isEqualTo(first);
            assertThat(peers.serverFiles()).isEqualTo(first);

            // an edit in the middle of the big file on the client, a deletion on the server
            String edited = BIG.substring(0, 50_000) + "an edited line\n" + BIG.substring(50_000);
            write(client, "big.txt", edited);
            Files.delete(server.resolve("both.txt"));

            SyncReport second = peers.sync();

            assertThat(second.errors()).isEmpty();
            Map<String, String> after = new java.util.TreeMap<>(first);
            switch (mode) {
                case UNION_CLIENT_WINS, UNION_SERVER_WINS -> {
                    after.put("big.txt", edited);
                    after.remove("both.txt");
                }
                case MIRROR_CLIENT_TO_SERVER -> after.put("big.txt", edited); // the server's deletion is undone
                case MIRROR_SERVER_TO_CLIENT -> after.remove("both.txt"); // the client's edit is undone
            }
            assertThat(peers.clientFiles()).isEqualTo(after);
            assertThat(peers.serverFiles()).isEqualTo(after);
            if (mode != Mode.MIRROR_SERVER_TO_CLIENT) {
                assertThat(second.literal()).as("the edit went as a delta, not the whole file")
                        .isLessThan(BIG.length() / 10);
            }
        }
    }

    @Test
    void anEditOnBothSidesKeepsTheLosersVersionAsAConflictCopyOnBothSides() throws Exception {
        write(client, "notes.txt", "first version\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            peers.sync();
            write(client, "notes.txt", "the client's version\n");
            write(server, "notes.txt", "the server's version\n");

            SyncReport report = peers.sync();

            assertThat(report.errors()).isEmpty();
            assertThat(report.conflicts()).isOne();
            Map<String, String> files = peers.clientFiles();
            assertThat(files).containsEntry("notes.txt", "the client's version\n").hasSize(2);
            String copy = files.keySet().stream().filter(ConflictNamer::isConflictCopy).findFirst().orElseThrow();
            assertThat(files).containsEntry(copy, "the server's version\n");
            assertThat(peers.serverFiles()).isEqualTo(files);
        }
    }

    @Test
    void aLinkThatDropsMidPlanLosesNothingAndTheNextCycleFinishesTheSync() throws Exception {
        for (int i = 0; i < 30; i++) {
            write(client, "new/file-" + i + ".txt", "new file " + i + "\n");
        }
        write(client, "big.txt", BIG);
        write(server, "big.txt", BIG.replace("line of", "LINE OF"));
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            // the link drops as the first new file leaves: the cycle is in the middle of its plan, and stops
            assertThatThrownBy(() -> peers.sync(frame -> frame.type() == MessageType.PUT_BATCH.code()
                    || frame.type() == MessageType.PUT_FILE.code())).hasMessageContaining("connection is closed");
            Map<String, String> ours = peers.clientFiles();
            assertThat(ours).as("the client's files are untouched").hasSize(31).containsEntry("big.txt", BIG);
            assertThat(peers.serverFiles()).as("nothing half-written on the server")
                    .allSatisfy((path, content) -> assertThat(content).isIn(ours.get(path),
                            BIG.replace("line of", "LINE OF")));

            SyncReport retried = peers.sync();

            assertThat(retried.errors()).isEmpty();
            // first contact with big.txt different on both sides: the client's wins, the server's is kept beside it
            assertThat(peers.serverFiles()).isEqualTo(peers.clientFiles()).hasSize(32)
                    .containsEntry("big.txt", BIG).containsEntry("new/file-29.txt", "new file 29\n")
                    .containsValue(BIG.replace("line of", "LINE OF"));
        }
    }

    @Test
    void deletionsAndRenamesOfManyFilesLeaveTogetherAndEachFailsAlone() throws Exception {
        int files = 12;
        for (int i = 0; i < files; i++) {
            write(client, "old/file-" + i + ".txt", "old file " + i + "\n");
            write(client, "keep/moving-" + i + ".txt", "moving file " + i + "\n");
        }
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            for (int i = 0; i < files; i++) {
                Files.delete(client.resolve("old/file-" + i + ".txt"));
                Files.move(client.resolve("keep/moving-" + i + ".txt"), client.resolve("keep/moved-" + i + ".txt"));
            }
            // every request is held back until all of them were sent; meanwhile one file changes on the server
            HeldFrames held = new HeldFrames(frame -> frame.type() == MessageType.DELETE.code()
                    || frame.type() == MessageType.RENAME.code(), 2 * files, java.time.Duration.ofSeconds(3),
                    () -> write(server, "old/file-3.txt", "changed on the server meanwhile\n"));

            SyncReport report = peers.sync(held);

            assertThat(held.filled()).as("all %d deletions and renames left before the first answer came back",
                    2 * files).isTrue();
            assertThat(report.errors()).as("only the file changed meanwhile failed, by its path").singleElement()
                    .asString().contains("delete old/file-3.txt on the server");
            Map<String, String> after = peers.serverFiles();
            assertThat(after).containsEntry("old/file-3.txt", "changed on the server meanwhile\n")
                    .hasSize(files + 1);
            for (int i = 0; i < files; i++) {
                assertThat(after).containsEntry("keep/moved-" + i + ".txt", "moving file " + i + "\n");
            }
        }
    }

    @Test
    void aOneShotRunSyncsAgainAFileThatChangedOnTheServerWhileItWasBeingSynced() throws Exception {
        Files.write(server.resolve("a.bin"), version(1));
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            Files.write(server.resolve("a.bin"), version(2)); // what the first cycle scans
            AtomicInteger cycles = new AtomicInteger();
            OnceCycles once = new OnceCycles(() -> cycles.incrementAndGet() == 1
                    ? peers.sync(changingOnTheServer("a.bin", version(3))) : peers.sync(), peers.clientFolder(), 100);

            SyncReport report = once.run();

            assertThat(cycles).hasValue(2);
            assertThat(report.errors()).isEmpty();
            assertThat(report.changedWhileSynced()).isEmpty();
            assertThat(client.resolve("a.bin")).hasBinaryContent(version(3));
        }
    }

    @Test
    void aOneShotRunTriesAFileThatKeepsChangingThreeTimesAndNamesIt() throws Exception {
        Files.write(server.resolve("a.bin"), version(1));
        Files.write(server.resolve("b.bin"), version(101));
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            Files.write(server.resolve("a.bin"), version(2));
            Files.write(server.resolve("b.bin"), version(102));
            AtomicInteger cycles = new AtomicInteger();
            OnceCycles once = new OnceCycles(() -> peers.sync(changingOnTheServer("a.bin",
                    version(3 + cycles.getAndIncrement()))), peers.clientFolder(), 100);

            SyncReport report = once.run();

            assertThat(cycles).hasValue(OnceCycles.ATTEMPTS);
            assertThat(report.changedWhileSynced()).containsExactly("a.bin");
            assertThat(report.errors()).singleElement().asString().contains("a.bin").contains("changed");
            assertThat(client.resolve("b.bin")).hasBinaryContent(version(102));
            assertThat(report.files()).as("b.bin, synced by the first cycle, still counts").isEqualTo(1);
        }
    }

    /** Holds the client's first download request until {@code path} was rewritten on the server. */
    private HeldFrames changingOnTheServer(String path, byte[] content) {
        java.util.Set<Integer> downloads = java.util.Set.of(MessageType.GET_FILE.code(), MessageType.GET_BATCH.code(),
                MessageType.GET_SHARED_ROUND.code(), MessageType.GET_RANGE_SIGNATURES.code(),
                MessageType.GET_RANGES.code());
        return new HeldFrames(frame -> downloads.contains((int) frame.type()), 1,
                java.time.Duration.ofSeconds(3), () -> {
                    try {
                        Files.write(server.resolve(path), content);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** 20 kB of binary content, different for each {@code version} (too big to travel with the manifest's answer). */
    private static byte[] version(int version) {
        byte[] content = new byte[20_000];
        new java.util.Random(version).nextBytes(content);
        return content;
    }

    @Test
    void aLinkGoneBeforeTheManifestFailsTheCycleAndChangesNothing() throws Exception {
        write(client, "a.txt", "a\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThatThrownBy(() -> peers.sync(frame -> frame.type() == MessageType.MANIFEST_REQUEST.code()))
                    .hasMessageContaining("connection is closed");
            assertThat(peers.serverFiles()).isEmpty();
            assertThat(peers.clientFiles()).containsOnlyKeys("a.txt");
        }
    }

    private static void write(Path root, String path, String content) {
        Path file = root.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
