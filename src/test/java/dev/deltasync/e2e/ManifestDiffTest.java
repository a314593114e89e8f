package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A client that synced before gets only what changed in the server's manifest, not the whole list again. */
class ManifestDiffTest extends TwoFolders {

    @Test
    void theSecondSyncOfTwoThousandFilesCostsBytesForTheChangesOnly() throws Exception {
        writeTree(server, "src", 40, 2000, "content of file ");
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            Summary first = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(first.exitCode()).isZero();
            assertThat(first.value("bytes_received")).isGreaterThan(60_000);

            Files.writeString(server.resolve("src/m3/file3.txt"), "edited on the server");
            Files.delete(server.resolve("src/m4/file4.txt"));
            Summary second = Summary.capture(() -> Peers.clientOnce(client, port, ""));

            assertThat(second.exitCode()).isZero();
            assertThat(second.value("bytes_received")).isLessThan(2_000);
        }
        assertThat(client.resolve("src/m3/file3.txt")).hasContent("edited on the server");
        assertThat(client.resolve("src/m4/file4.txt")).doesNotExist();
        assertThat(client.resolve("src/m5/file5.txt")).hasContent("content of file 5");
    }

    @Test
    void whatAClientUploadedDoesNotComeBackInItsNextDifference() throws Exception {
        writeTree(client, "up", 10, 300, "uploaded file ");
        Path other = tmp.resolve("other-client");
        Files.createDirectories(other);
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            assertThat(server.resolve("up/m7/file7.txt")).hasContent("uploaded file 7");

            Summary afterUpload = Summary.capture(() -> Peers.clientOnce(client, port, ""));

            assertThat(afterUpload.exitCode()).isZero();
            // 300 entries coming back would be ~12 KB, the 11 directories they made ~400 B; a quiet sync is 85-115 B
            assertThat(afterUpload.value("bytes_received")).isLessThan(120);

            Files.writeString(client.resolve("up/m1/file1.txt"), "edited by the client");
            Files.delete(client.resolve("up/m2/file2.txt"));
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Summary afterEdits = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(afterEdits.value("bytes_received")).as("an edit and a delete, not echoed").isLessThan(120);
            Files.move(client.resolve("up/m4/file4.txt"), client.resolve("up/m4/renamed4.txt"));
            Summary rename = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(rename.value("bytes_sent")).as("sent as a rename, not as content").isLessThan(400);
            Summary afterRename = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(afterRename.value("bytes_received")).as("a rename, not echoed").isLessThan(120);

            // another client's change in between still arrives, with the first client's own changes around it
            Files.writeString(other.resolve("from-other.txt"), "the other client's file");
            assertThat(Peers.clientOnce(other, port, "")).isZero();
            Files.writeString(client.resolve("up/m3/file3.txt"), "edited again");
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(client.resolve("from-other.txt")).hasContent("the other client's file");
        assertThat(server.resolve("up/m1/file1.txt")).hasContent("edited by the client");
        assertThat(server.resolve("up/m2/file2.txt")).doesNotExist();
        assertThat(server.resolve("up/m3/file3.txt")).hasContent("edited again");
        assertThat(client.resolve("up/m1/file1.txt")).hasContent("edited by the client");
        assertThat(client.resolve("up/m2/file2.txt")).as("not brought back").doesNotExist();
        assertThat(server.resolve("up/m4/renamed4.txt")).hasContent("uploaded file 4");
        assertThat(server.resolve("up/m4/file4.txt")).doesNotExist();
        assertThat(client.resolve("up/m4/file4.txt")).as("not brought back").doesNotExist();
        assertThat(other.resolve("up/m1/file1.txt")).hasContent("edited by the client");
    }

    @Test
    void aRestartedServerAnswersInFullAndTheSyncStaysCorrect() throws Exception {
        Files.writeString(server.resolve("a.txt"), "a");
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        Files.delete(server.resolve("a.txt"));
        Files.writeString(server.resolve("b.txt"), "b");
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(client.resolve("a.txt")).doesNotExist();
        assertThat(client.resolve("b.txt")).hasContent("b");
    }

    @ParameterizedTest
    @CsvSource({"2000,40", "10000,100"})
    void onFirstContactTheBytesFollowTheDifferencesNotTheFolder(int files, int dirs) throws Exception {
        writeTree(server, "src", dirs, files, "content of file ");
        writeTree(client, "src", dirs, files, "content of file ");
        Files.writeString(server.resolve("src/m1/file1.txt"), "edited on the server");
        Files.writeString(server.resolve("src/m1/new.txt"), "new on the server");
        Files.writeString(client.resolve("src/m2/file2.txt"), "edited on the client");
        Files.writeString(client.resolve("src/m3/new.txt"), "new on the client");
        try (Peers.Running s = Peers.server(server, port, 1, "")) {
            Summary first = Summary.capture(() -> Peers.clientOnce(client, port, ""));

            assertThat(first.exitCode()).isZero();
            // the same bounds for 2,000 and 10,000 files: plain keys would be 4-5 bytes per file up (8-50 KB), a
            // whole manifest ~100-500 KB down; the key sketch's first 32 symbols decode these 6 differences
            assertThat(first.value("bytes_sent")).isLessThan(2_500);
            assertThat(first.value("bytes_received")).isLessThan(3_000);
        }
        assertThat(client.resolve("src/m1/file1.txt")).hasContent("edited on the server");
        assertThat(client.resolve("src/m1/new.txt")).hasContent("new on the server");
        // first contact, two contents under one path, mode 1: the server's wins on both sides
        assertThat(client.resolve("src/m2/file2.txt")).hasContent("content of file 2");
        assertThat(server.resolve("src/m3/new.txt")).hasContent("new on the client");
        assertThat(client.resolve("src/m7/file7.txt")).hasContent("content of file 7");
    }

    @Test
    void aSketchThatNeedsMoreSymbolsAsksForThemAndOneNotWorthItFallsBackToKeys() throws Exception {
        writeTree(server, "a", 50, 5000, "shared ");
        writeTree(client, "a", 50, 5000, "shared ");
        writeTree(server, "s", 20, 300, "server only ");
        writeTree(client, "c", 20, 300, "client only ");
        try (Peers.Running s = Peers.server(server, port, 1, "")) {
            Summary many = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(many.exitCode()).isZero();
            // ~640 differences take a few requests of symbols, ~9 KB, then the 300 new files ~14 KB; plain keys
            // would have been 5,643 x 4 bytes (35 KB in all)
            assertThat(many.value("bytes_sent")).as("symbols, then the 300 new files").isLessThan(28_000);

            Path other = tmp.resolve("other-client");
            writeTree(other, "x", 20, 3000, "all different, client ");
            assertThat(Peers.clientOnce(other, port, "")).as("nothing in common: plain keys").isZero();
            assertThat(other.resolve("s/m7/file7.txt")).hasContent("server only 7");
            assertThat(server.resolve("x/m5/file5.txt")).hasContent("all different, client 5");
        }
        assertThat(client.resolve("s/m7/file7.txt")).hasContent("server only 7");
        assertThat(server.resolve("c/m7/file7.txt")).hasContent("client only 7");
        assertThat(client.resolve("a/m5/file5.txt")).hasContent("shared 5");
    }

    @Test
    void collidingFirstContactKeysAreCaughtAndTheSyncStaysCorrect() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(server.resolve("server-" + i + ".txt"), "server file " + i);
            Files.writeString(client.resolve("client-" + i + ".txt"), "client file " + i);
            Files.writeString(server.resolve("both-" + i + ".txt"), "same " + i);
            Files.writeString(client.resolve("both-" + i + ".txt"), "same " + i);
        }
        // one-byte keys: among 600 client keys and 600 server entries, collisions are certain
        System.setProperty("deltasync.manifestKeyBytes", "1");
        try (Peers.Running s = Peers.server(server, port, 1, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        } finally {
            System.clearProperty("deltasync.manifestKeyBytes");
        }
        for (int i = 0; i < 300; i++) {
            assertThat(client.resolve("server-" + i + ".txt")).hasContent("server file " + i);
            assertThat(server.resolve("client-" + i + ".txt")).hasContent("client file " + i);
        }
    }

    /** {@code count} small files {@code top/m<i % dirs>/file<i>.txt} holding {@code text + i}. */
    private static void writeTree(Path root, String top, int dirs, int count, String text) throws IOException {
        for (int i = 0; i < count; i++) {
            Path file = root.resolve(top + "/m" + (i % dirs) + "/file" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + i);
        }
    }
}
