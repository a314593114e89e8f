package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.sync.Mode;
import dev.deltasync.sync.Reconciler;
import dev.deltasync.sync.WatchedScan;

/**
 * Cycles of running peers ({@link MemoryPeers#live()}): after one edit in a large folder a cycle decodes nothing
 * from the state file and reconciles a handful of paths, and the server compares a handful with its manifest
 * (on the code before, every cycle decoded the state and the known manifest, reconciled and compared every path);
 * and live cycles over random edits on both sides end where cycles over every path would.
 */
class LiveCyclesTest {

    private static final int DIRS = 40;
    private static final int FILES_PER_DIR = 50;

    @TempDir
    Path client;
    @TempDir
    Path server;

    @Test
    void oneEditInALargeFolderCostsAFewPathsNotTheFolder() throws Exception {
        for (int d = 0; d < DIRS; d++) {
            for (int f = 0; f < FILES_PER_DIR; f++) {
                write(server, "d" + d + "/f" + f + ".txt", "file " + f + " of directory " + d + "\n");
            }
        }
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS).live()) {
            for (int cycle = 0; cycle < 3; cycle++) { // the first ones walk, copy and settle the folder
                assertThat(peers.sync().errors()).isEmpty();
            }
            assertThat(peers.clientFiles()).hasSize(DIRS * FILES_PER_DIR);

            write(client, "d7/f12.txt", "edited on the client\n");
            peers.clientFolder().watchedScan().changed("d7/f12.txt");
            Cost cost = Cost.before(peers);
            assertThat(peers.sync().errors()).isEmpty();
            cost.assertAtMost(peers, 8);
            assertThat(peers.serverFiles()).containsEntry("d7/f12.txt", "edited on the client\n");

            write(server, "d31/f3.txt", "edited on the server\n");
            peers.serverFolder().watchedScan().changed("d31/f3.txt");
            cost = Cost.before(peers);
            assertThat(peers.sync().errors()).isEmpty();
            cost.assertAtMost(peers, 8);
            assertThat(peers.clientFiles()).containsEntry("d31/f3.txt", "edited on the server\n");

            assertThat(peers.syncEveryPath().changedAnything()).isFalse();
        }
    }

    @Test
    void liveCyclesOverRandomEditsEndWhereCyclesOverEveryPathWould() throws Exception {
        Random random = new Random(20261205L);
        for (int i = 0; i < 30; i++) {
            write(server, "s" + (i % 4) + "/f" + i + ".txt", "server file " + i + "\n");
            write(client, "c" + (i % 3) + "/g" + i + ".txt", "client file " + i + "\n");
        }
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS).live()) {
            assertThat(peers.sync().errors()).isEmpty();
            int partial = 0;
            for (int round = 0; round < 25; round++) {
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    boolean onClient = random.nextBoolean();
                    edit(random, onClient ? client : server,
                            (onClient ? peers.clientFolder() : peers.serverFolder()).watchedScan(), round);
                }
                long resolved = Reconciler.pathsResolved();
                assertThat(peers.sync().errors()).as("round %d", round).isEmpty();
                if (Reconciler.pathsResolved() - resolved < peers.clientFiles().size()) {
                    partial++;
                }
                assertThat(peers.clientFiles()).as("round %d", round).isEqualTo(peers.serverFiles());
            }
            assertThat(partial).as("cycles that reconciled only some paths").isGreaterThan(15);
            assertThat(peers.syncEveryPath().changedAnything()).as("a cycle over every path after the live ones")
                    .isFalse();
        }
    }

    /**
     * A live cycle decides as a cycle over every path would: a client whose synced files all became ignored is not an
     * emptied folder (on the code before, live cycles counted the ignored files as synced ones and refused).
     */
    @Test
    void aLiveCycleJudgesAnEmptiedFolderAsACycleOverEveryPathWould() throws Exception {
        for (int i = 0; i < 12; i++) {
            write(client, "f" + i + ".txt", "file " + i + "\n");
        }
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
        }
        write(client, ".deltasyncignore", "*\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS).guarded().live()) {
            for (int cycle = 0; cycle < 3; cycle++) {
                long resolved = Reconciler.pathsResolved();
                SyncReport report = peers.sync();
                assertThat(report.refusal()).as("cycle %d", cycle).isEmpty();
                assertThat(report.errors()).isEmpty();
                if (cycle > 0) {
                    assertThat(Reconciler.pathsResolved() - resolved).as("a live cycle").isLessThan(12);
                }
            }
            assertThat(peers.syncEveryPath().refusal()).isEmpty();
        }
    }

    /** One change a user makes, reported to the folder's scans as a watcher would. */
    private static void edit(Random random, Path root, WatchedScan reports, int round) throws IOException {
        List<Path> files = files(root);
        int kind = files.isEmpty() ? 0 : random.nextInt(5);
        String tag = "r" + round + "-" + random.nextInt(1000);
        switch (kind) {
            case 0 -> { // a new file in a new directory: the watcher reports the directory
                write(root, "new-" + tag + "/sub/n.txt", "new " + tag + "\n");
                reports.changed("new-" + tag);
            }
            case 1 -> { // an edit
                Path file = files.get(random.nextInt(files.size()));
                Files.writeString(file, "edited " + tag + "\n");
                reports.changed(relative(root, file));
            }
            case 2 -> { // a deletion
                Path file = files.get(random.nextInt(files.size()));
                Files.delete(file);
                reports.changed(relative(root, file));
            }
            case 3 -> { // a rename within the folder
                Path file = files.get(random.nextInt(files.size()));
                Path to = file.resolveSibling("moved-" + tag + ".txt");
                Files.move(file, to);
                reports.changed(List.of(relative(root, file), relative(root, to)));
            }
            default -> { // a new file next to others
                Path file = files.get(random.nextInt(files.size()));
                Path added = file.resolveSibling("added-" + tag + ".txt");
                Files.writeString(added, "added " + tag + "\n");
                reports.changed(relative(root, added));
            }
        }
    }

    private static List<Path> files(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> !relative(root, p).startsWith(".deltasync"))
                    .sorted().forEach(files::add);
        }
        return files;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** What a cycle costs: entries decoded from the state file, paths reconciled, paths the server compared. */
    private record Cost(long decoded, long resolved, long compared) {
        static Cost before(MemoryPeers peers) {
            return new Cost(peers.state().entriesDecoded(), Reconciler.pathsResolved(),
                    peers.manifests().pathsCompared());
        }

        void assertAtMost(MemoryPeers peers, int paths) {
            assertThat(peers.state().entriesDecoded() - decoded).as("entries decoded from the state").isZero();
            assertThat(Reconciler.pathsResolved() - resolved).as("paths reconciled").isBetween(1L, (long) paths);
            assertThat(peers.manifests().pathsCompared() - compared).as("paths the server compared")
                    .isLessThanOrEqualTo(paths);
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
