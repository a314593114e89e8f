package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.ProgressEvent;
import dev.deltasync.sync.Mode;

/**
 * Every phase of a big file's transfer reports progress on both sides, whichever way it goes: the comparison
 * rounds, the bytes on the wire, the server's answers, installing (patching, flushing, renaming) and the wait for
 * the other side. Each phase starts at 0 %, never goes back and ends at 100 %. Timing plays no part: listeners hear
 * every phase, however quick (only the log lines wait for two seconds).
 */
class TransferProgressTest {

    private static final int SIZE = 8 << 20;

    @TempDir
    Path client;
    @TempDir
    Path server;

    private final List<ProgressEvent> clientEvents = new CopyOnWriteArrayList<>();
    private final List<ProgressEvent> serverEvents = new CopyOnWriteArrayList<>();

    @Test
    void aChangedBigFileDownloadedByRefinementReportsComparingReceivingAndInstalling() throws Exception {
        byte[] content = random(SIZE, 1);
        Files.write(client.resolve("big.bin"), content);
        Files.write(server.resolve("big.bin"), content);
        try (MemoryPeers peers = listened(Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            clientEvents.clear();
            serverEvents.clear();

            overwrite(content, SIZE / 3, random(200_000, 2));
            Files.write(server.resolve("big.bin"), content);
            assertThat(peers.sync().errors()).isEmpty();
        }
        assertThat(Files.readAllBytes(client.resolve("big.bin"))).isEqualTo(content);

        assertThat(phases(clientEvents, "big.bin")).containsExactly(Phase.COMPARING, Phase.RECEIVING, Phase.INSTALLING);
        assertThat(phases(serverEvents, "big.bin")).containsExactly(Phase.COMPARING, Phase.SENDING);
        assertEachPhaseGoesFrom0To100(clientEvents);
        assertEachPhaseGoesFrom0To100(serverEvents);
        assertThat(clientEvents).filteredOn(e -> e.phase() == Phase.COMPARING)
                .extracting(ProgressEvent::what).contains("Comparing big.bin with the server's copy");
        assertThat(clientEvents).filteredOn(e -> e.phase() == Phase.INSTALLING && !e.finished())
                .extracting(ProgressEvent::percent).as("installing reports as the file is written, not only at its end")
                .anyMatch(p -> p > 0 && p < 100);
    }

    @Test
    void aChangedBigFileUploadedReportsComparingSendingWaitingAndTheServerReceivingAndInstalling() throws Exception {
        byte[] content = random(SIZE, 3);
        Files.write(client.resolve("big.bin"), content);
        Files.write(server.resolve("big.bin"), content);
        try (MemoryPeers peers = listened(Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            clientEvents.clear();
            serverEvents.clear();

            overwrite(content, SIZE / 2, random(300_000, 4));
            Files.write(client.resolve("big.bin"), content);
            assertThat(peers.sync().errors()).isEmpty();
        }
        assertThat(Files.readAllBytes(server.resolve("big.bin"))).isEqualTo(content);

        assertThat(phases(clientEvents, "big.bin")).containsExactly(Phase.COMPARING, Phase.SENDING, Phase.WAITING);
        assertThat(phases(serverEvents, "big.bin")).contains(Phase.RECEIVING, Phase.INSTALLING);
        assertEachPhaseGoesFrom0To100(clientEvents);
        assertEachPhaseGoesFrom0To100(serverEvents);
    }

    @Test
    void aNewBigFileDownloadedReportsReceivingAndInstallingThroughEveryShare() throws Exception {
        byte[] content = random(SIZE, 5);
        Files.write(server.resolve("new.bin"), content);
        try (MemoryPeers peers = listened(Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
        }
        assertThat(phases(clientEvents, "new.bin")).containsExactly(Phase.RECEIVING, Phase.INSTALLING);
        assertThat(phases(serverEvents, "new.bin")).containsExactly(Phase.SENDING);
        assertEachPhaseGoesFrom0To100(clientEvents);
        assertEachPhaseGoesFrom0To100(serverEvents);
        // a whole file on the wire: the receiving side hears shares all the way, not a jump from 0 to 100
        assertThat(clientEvents).filteredOn(e -> e.phase() == Phase.RECEIVING).hasSizeGreaterThan(20);
    }

    private MemoryPeers listened(Mode mode) throws IOException {
        MemoryPeers peers = new MemoryPeers(client, server, mode);
        peers.clientFolder().progress().onProgress(clientEvents::add);
        peers.serverFolder().progress().onProgress(serverEvents::add);
        return peers;
    }

    /** The phases a file went through, in the order they began, each once. */
    private static List<Phase> phases(List<ProgressEvent> events, String path) {
        return events.stream().filter(e -> e.path().equals(path)).map(ProgressEvent::phase).distinct().toList();
    }

    /**
     * Each run of a phase (the events of one path, phase and wording up to a finished one) begins at 0 %, never goes
     * back, and its last event is finished at 100 %; and nothing is left half done.
     */
    private static void assertEachPhaseGoesFrom0To100(List<ProgressEvent> events) {
        Map<String, List<Integer>> open = new LinkedHashMap<>();
        List<List<Integer>> runs = new ArrayList<>();
        for (ProgressEvent e : events) {
            String key = e.path() + "|" + e.phase() + "|" + e.what();
            List<Integer> run = open.computeIfAbsent(key, k -> new ArrayList<>());
            run.add(e.percent());
            if (e.finished()) {
                runs.add(open.remove(key));
            }
        }
        assertThat(open).as("phases that never ended").isEmpty();
        assertThat(runs).isNotEmpty().allSatisfy(run -> {
            assertThat(run.get(0)).isZero();
            assertThat(run).isSorted();
            assertThat(run.get(run.size() - 1)).isEqualTo(100);
        });
    }

    private static void overwrite(byte[] content, int at, byte[] with) {
        System.arraycopy(with, 0, content, at, with.length);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
