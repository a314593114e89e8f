package dev.deltasync.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.Progress;
import dev.deltasync.rpc.ProgressBoard;

/** What a running process's live facts make {@code deltasync status} say: transfers under way, the connection. */
class LiveFactsTest {

    @TempDir
    Path root;

    @Test
    void aTransferUnderWayShowsInTheStatusWithItsPhaseAndShareUntilItEnds() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "n");
        FolderRecord record = FolderRecord.starting(root, "client").set("address", "example.org:7070");
        ProgressBoard board = new ProgressBoard();
        String[] connected = {"no, reconnecting"};
        LiveFacts live = new LiveFacts(record, board).fact("live.connected", () -> connected[0]);

        Progress comparing = board.start("big.iso", Phase.COMPARING, "Comparing big.iso with the server's copy", 1000, "");
        comparing.advance(400);
        Progress receiving = board.start("a.bin", Phase.RECEIVING, "Receiving a.bin", 200, "");
        receiving.advance(20);
        connected[0] = "yes";
        live.run();

        Map<String, Object> facts = FolderStatus.of(root);
        assertThat(facts).containsEntry("running", true).containsEntry("connected", "yes")
                .containsEntry("transfers", List.of("a.bin: receiving 10%", "big.iso: comparing 40%"));

        comparing.finishAll();
        receiving.finish();
        live.run();
        assertThat(FolderStatus.of(root)).containsEntry("transfers", List.of());

        record.stopped();
        assertThat(FolderStatus.of(root)).containsEntry("running", false).doesNotContainKeys("transfers", "connected");
    }

    @Test
    void theRecordIsRewrittenOnlyWhenAFactChanged() throws Exception {
        FolderRecord record = FolderRecord.starting(root, "server");
        LiveFacts live = new LiveFacts(record, new ProgressBoard());
        live.run();
        Path file = root.resolve(".deltasync").resolve(FolderRecord.FILE_NAME);
        assertThat(file).exists();
        Files.delete(file);
        live.run();
        assertThat(file).as("nothing changed, nothing written").doesNotExist();
    }

    @Test
    void aValueSetBetweenChecksIsWrittenByTheNextCheckOnce() throws Exception {
        FolderRecord record = FolderRecord.starting(root, "client");
        LiveFacts live = new LiveFacts(record, new ProgressBoard());
        live.run();
        Path file = root.resolve(".deltasync").resolve(FolderRecord.FILE_NAME);
        Files.delete(file);

        record.set("last-result", "ok"); // what a client's cycle sets: the cycle itself no longer writes
        assertThat(file).doesNotExist();
        live.run(); // before: no fact changed, so the cycle's result waited for one that did
        assertThat(FolderRecord.read(root)).containsEntry("last-result", "ok");

        Files.delete(file);
        record.set("last-result", "ok");
        live.run();
        assertThat(file).as("the same value again: nothing written").doesNotExist();
    }

    @Test
    void aValueSetAfterTheLastCheckIsWrittenWhenTheProcessStops() throws Exception {
        FolderRecord record = FolderRecord.starting(root, "client");
        record.set("last-result", "ok"); // a one-shot client whose only cycle ended before any check

        record.stopped();

        assertThat(FolderRecord.read(root)).containsEntry("last-result", "ok").containsKey("stopped");
    }
}
